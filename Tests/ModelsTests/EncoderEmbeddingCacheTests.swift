import Foundation
import Testing
@testable import Models

@Test func embeddingCacheEvictsLeastRecentlyUsed() {
    let cache = EmbeddingCache(capacity: 2)
    cache.insert([1], for: "a")
    cache.insert([2], for: "b")
    #expect(cache.vector(for: "a") == [1])   // "b" is now the oldest
    cache.insert([3], for: "c")
    #expect(cache.vector(for: "b") == nil)
    #expect(cache.vector(for: "a") == [1])
    #expect(cache.vector(for: "c") == [3])
    cache.insert([4], for: "c")               // update in place
    #expect(cache.vector(for: "c") == [4])
    #expect(cache.count == 2)
}

@Test func embeddingCacheKeysAreExactText() {
    let cache = EmbeddingCache(capacity: 4)
    cache.insert([1], for: "caf\u{E9}")
    #expect(cache.vector(for: "cafe\u{301}") == nil)
    #expect(cache.vector(for: "caf\u{E9}") == [1])
}

@Test func embeddingCacheIsThreadSafe() async {
    let cache = EmbeddingCache(capacity: 64)
    await withTaskGroup(of: Void.self) { group in
        for worker in 0..<8 {
            group.addTask {
                for i in 0..<2000 {
                    let key = "sentence \((i * 7 + worker) % 100)"
                    if cache.vector(for: key) == nil { cache.insert([Float(i)], for: key) }
                }
            }
        }
    }
    #expect(cache.count == 64)
}
