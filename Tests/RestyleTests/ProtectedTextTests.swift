import Testing
@testable import Restyle

struct ProtectedTextTests {
    @Test(arguments: [
        "Run `make test` first.", "See [the docs](https://example.com/a_b) now.", "Visit https://tenor.dev/x.",
        "Version v1.2.3 is out.", "It costs $4,500.50 or 12%.", "Due 2024-03-05 at 10:30.", "On March 3, 2025 we ship.",
        "This is **very** important and *really* _urgent_.", "Write to a.b@example.org please.", "Use <kbd>Ctrl</kbd>.",
        "A literal {1} stays.", "Escaped \\* star.", "Image ![alt](pic.png) and [ref][1].",
    ])
    func maskedSpansRoundTrip(text: String) {
        let mask = ProtectedText(masking: text)
        #expect(!mask.protected.isEmpty)
        #expect(mask.original == text)
        for value in mask.protected where ProtectedText.placeholders(in: value).isEmpty {
            #expect(!mask.masked.contains(value))
        }
    }

    /// A word with a digit is a name or a code ("4B", "p95", "2FA"): kept, and a candidate repeating it rejected.
    @Test func wordsWithDigitsAreProtected() {
        let mask = ProtectedText(masking: "The kids in 4B beat p95 and 2FA, on the 3rd floor.")
        #expect(mask.protected == ["4B", "p95", "2FA", "3rd"])
        #expect(mask.remask("The children in 4B and 4B beat p95 and 2FA on the 3rd floor.", expecting: [1, 2, 3, 4]) == nil)
    }

    @Test func bareURLLeavesClosingPunctuation() {
        let mask = ProtectedText(masking: "Go to https://example.com/path.")
        #expect(mask.protected == ["https://example.com/path"])
        #expect(mask.masked == "Go to {1}.")
    }

    @Test func restoreRejectsLostInventedAndRepeatedPlaceholders() {
        let mask = ProtectedText(masking: "Install `tenor` 1.2 now.")
        #expect(mask.masked == "Install {1} {2} now.")
        #expect(mask.restore("Please install {1} {2}.", expecting: [1, 2]) == "Please install `tenor` 1.2.")
        #expect(mask.restore("Please install {1}.", expecting: [1, 2]) == nil)
        #expect(mask.restore("Install {1} {2} {3}.", expecting: [1, 2]) == nil)
        #expect(mask.restore("Install {1} {1} {2}.", expecting: [1, 2]) == nil)
    }

    @Test func plainWordsAreNotProtected() {
        let mask = ProtectedText(masking: "the meeting is gonna be pushed")
        #expect(mask.protected.isEmpty)
        #expect(mask.masked == "the meeting is gonna be pushed")
    }

    @Test func remaskFindsEachSpanOnceAndWhole() throws {
        let mask = ProtectedText(masking: "Run `make test` before 1.2 on 2026-03-01.")
        let expected = ProtectedText.placeholders(in: mask.masked)
        #expect(expected.count == 3)
        let answer = "Please run `make test` before 1.2 on 2026-03-01."
        let remasked = try #require(mask.remask(answer, expecting: expected))
        #expect(mask.restore(remasked, expecting: expected) == answer)
        #expect(mask.remask("Please run the tests before 1.2 on 2026-03-01.", expecting: expected) == nil)
        #expect(mask.remask("Run `make test` twice: `make test` before 1.2 on 2026-03-01.", expecting: expected) == nil)
        // "1.2" inside "1.2.5" is not the version the source named.
        #expect(mask.remask("Run `make test` before 1.2.5 on 2026-03-01.", expecting: expected) == nil)
    }
}
