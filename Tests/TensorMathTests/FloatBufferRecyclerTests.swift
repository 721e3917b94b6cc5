import TensorMath
import Testing

@Suite struct FloatBufferRecyclerTests {
    @Test func keepsLargeArraysWithinItsLimitAndHandsThemOutBySize() {
        let recycler = FloatBufferRecycler(limitBytes: 3 * FloatBufferRecycler.minimumCount * 4)
        let large = FloatBufferRecycler.minimumCount
        recycler.recycle([Float](repeating: 7, count: large))
        recycler.recycle([Float](repeating: 1, count: 16))          // small: left to malloc
        #expect(recycler.keptBytes == large * 4)
        recycler.recycle([Float](repeating: 8, count: 2 * large))
        recycler.recycle([Float](repeating: 9, count: 2 * large))   // over the limit: dropped
        #expect(recycler.keptBytes == 3 * large * 4)
        let reused = recycler.array(count: large)
        #expect(reused.count == large && reused[0] == 7)             // the kept storage itself
        #expect(recycler.array(count: large).count == large)        // none left of that size: a fresh one
        #expect(recycler.keptBytes == 2 * large * 4)
        recycler.removeAll()
        #expect(recycler.keptBytes == 0)
    }
}
