import Testing
@testable import Restyle

struct ProtectedSpansTests {
    @Test(arguments: [
        ("Run `make test` first.", ["`make test`"]),
        ("See [the docs](https://example.com/a_b) now.", ["[the docs](https://example.com/a_b)"]),
        ("Visit https://tenor.dev/x.", ["https://tenor.dev/x"]),
        ("Version v1.2.3 is out.", ["v1.2.3"]),
        ("It costs $4,500.50 or 12%.", ["$4,500.50", "12%"]),
        ("Due 2024-03-05 at 10:30.", ["2024-03-05", "10:30"]),
        ("On March 3, 2025 we ship.", ["March 3, 2025"]),
        ("This is **very** important and *really* _urgent_.", ["**very**", "*really*", "_urgent_"]),
        ("Write to a.b@example.org please.", ["a.b@example.org"]),
        ("Use <kbd>Ctrl</kbd>.", ["<kbd>", "</kbd>"]),
        ("Escaped \\* star.", ["\\*"]),
        ("Image ![alt](pic.png) and [ref][1].", ["![alt](pic.png)", "[ref][1]"]),
    ])
    func eachKindOfSpanIsFoundWhole(text: String, expected: [String]) {
        #expect(ProtectedSpans.spans(in: text) == expected)
    }

    /// A word with a digit is a name or a code ("4B", "p95", "2FA").
    @Test func wordsWithDigitsAreProtected() {
        #expect(ProtectedSpans.spans(in: "The kids in 4B beat p95 and 2FA, on the 3rd floor.") == ["4B", "p95", "2FA", "3rd"])
    }

    @Test func aSpanInsideALongerOneIsNotFoundAlone() {
        #expect(ProtectedSpans.spans(in: "Upgrade to 2.4.1 via [v2](https://x.org/2).") == ["2.4.1", "[v2](https://x.org/2)"])
    }

    @Test func hyphenatedCodesWithDigitsAreOneSpan() {
        #expect(ProtectedSpans.spans(in: "Claim CLM-449201 needs form EC-3 by 30-second checks.") == ["CLM-449201", "EC-3", "30"])
    }

    @Test func droppedMarksAroundKeptWordsArePutBack() {
        let source = "Your team ignored ticket 77340 for **11 days**; see [the guide](https://x.dev/g) and call `init()`."
        #expect(MarkupRestoration.restore("The team has not answered ticket 77340 for 11 days; see the guide and call init().", source: source)
                == "The team has not answered ticket 77340 for **11 days**; see [the guide](https://x.dev/g) and call `init()`.")
        // Words found twice, or not at all, are left for the checks.
        #expect(MarkupRestoration.restore("11 days, 11 days.", source: "Wait **11 days**.") == "11 days, 11 days.")
        #expect(MarkupRestoration.restore("Wait eleven days.", source: "Wait **11 days**.") == "Wait eleven days.")
    }

    @Test func factsWrittenAnotherWayComeBackAsTheUserWroteThem() {
        #expect(MarkupRestoration.respell("It took me four months, from 8:00 on April 9.", source: "took like 4 months lol, from 08:00 on 9 April")
                == "It took me 4 months, from 08:00 on 9 April.")
        // A different number is not a respelling: the checks refuse it.
        #expect(MarkupRestoration.respell("It took five months.", source: "took 4 months") == "It took five months.")
    }

    @Test func aFactBothRespelledAndUnmarkedComesBackWhole() {
        #expect(MarkupRestoration.repair("It is due December 19, and late fees are 1.5% a month.",
                                         source: "it's due **Dec 19** and they charge 1.5% a month")
                == "It is due **Dec 19**, and late fees are 1.5% a month.")
    }

    @Test func plainWordsAreNotProtected() {
        #expect(ProtectedSpans.spans(in: "the meeting is gonna be pushed").isEmpty)
    }
}
