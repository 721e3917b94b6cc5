import Testing
@testable import Restyle

/// What a user would check of each style's word and clause rules (before the model and sentence finishing).
struct StyleRulesTests {
    static func ruled(_ text: String, _ style: RestyleStyle) -> String {
        LexicalRules.rules(for: style).reduce(text) { $1.apply($0) }
    }

    @Test func casualMakesContractionsAndEverydayWords() {
        let result = Self.ruled("We will not purchase it.", BuiltInStyles.casual)
        #expect(result.contains("won't") && result.contains("buy"), "\(result)")
        #expect(Self.ruled("We would like to request approximately 10 more.", BuiltInStyles.casual)
                == "We'd like to request about 10 more.")
        #expect(Self.ruled("The documentation has been revised.", BuiltInStyles.casual) == "The documentation's been revised.")
        #expect(Self.ruled("The conference is in the main hall.", BuiltInStyles.casual) == "The conference's in the main hall.")
        // No clitic after a sibilant or a function word.
        #expect(Self.ruled("The class is full. This is fine.", BuiltInStyles.casual) == "The class is full. This is fine.")
        #expect(Self.ruled("Many users reported how many errors?", BuiltInStyles.casual) == "Lots of users reported how many errors?")
    }

    @Test func formalSpellsOutTheCliticOnlyWhereItIsIs() {
        #expect(Self.ruled("nope, the bug's still there", BuiltInStyles.formal) == "no, the bug is still present")
        #expect(Self.ruled("the client's meeting moved", BuiltInStyles.formal) == "the client's meeting moved")
        #expect(Self.ruled("the build's been fixed", BuiltInStyles.formal) == "the build has been resolved")
    }

    /// "got" before a participle is the passive's auxiliary, not "received".
    @Test func formalPassiveWithGot() {
        #expect(Self.ruled("my flight got cancelled", BuiltInStyles.formal) == "my flight was cancelled")
        #expect(Self.ruled("we got lost on the way", BuiltInStyles.formal).hasPrefix("we were lost"))
        #expect(Self.ruled("I got the parcel", BuiltInStyles.formal) == "I received the parcel")
    }

    /// Slang a reader still marks in a formal sentence, and a chat sentence's missing subject.
    @Test func formalSlangAndSubjects() {
        #expect(Self.ruled("have to bail early today", BuiltInStyles.formal) == "I have to leave early today")
        #expect(Self.ruled("no clue why the tests fail", BuiltInStyles.formal) == "it is unclear why the tests fail")
        #expect(Self.ruled("I have no clue why it broke", BuiltInStyles.formal).hasPrefix("I do not know why"))
        #expect(Self.ruled("we shoulda won", BuiltInStyles.formal) == "we should have won")
        #expect(Self.ruled("the coach is way stricter now", BuiltInStyles.formal).contains("considerably stricter"))
        #expect(Self.ruled("take out the trash", BuiltInStyles.formal).contains("trash"))
        #expect(Self.ruled("use def to define a function", BuiltInStyles.formal).contains("def"))
        #expect(SentenceFinishing.apply("could you send the slides? thank you", style: BuiltInStyles.formal)
                == "Could you send the slides? Thank you.")
        #expect(SentenceFinishing.apply("it starts at 5 p.m. on Friday", style: BuiltInStyles.formal)
                == "It starts at 5 p.m. on Friday.")
    }

    /// Casual: the inverted conditional of letters and "we would appreciate it if you could".
    @Test func casualConditionalsAndRequests() {
        #expect(Self.ruled("Should you need help, call us.", BuiltInStyles.casual) == "If you need help, call us.")
        #expect(Self.ruled("We would appreciate it if you could reply.", BuiltInStyles.casual) == "could you reply.")
    }

    @Test func formalConnectivesAndSubjects() {
        #expect(Self.ruled("the vendor never got back to us, so we're stuck", BuiltInStyles.formal)
                == "the vendor never responded to us; therefore, we are unable to proceed")
        #expect(Self.ruled("sorry, forgot to cc you", BuiltInStyles.formal) == "I apologise; I forgot to cc you")
        #expect(Self.ruled("the build takes forever, like {1} minutes", BuiltInStyles.formal)
                == "the build takes a very long time, approximately {1} minutes")
    }

    @Test func everyPatternCompiles() {
        let tables = [ClausePatterns.formal, ClausePatterns.formalOpeners, ClausePatterns.casual, ClausePatterns.plain,
                      ClausePatterns.cliticsExpanded, LexicalRules.casualPatterns]
        for table in tables { #expect(table.invalidPatterns.isEmpty) }
        let styles = BuiltInStyles.all
        for style in styles {
            for table in LexicalRules.rules(for: style) + LexicalRules.lightRules(for: style) {
                #expect(table.invalidPatterns.isEmpty, "\(style.name): \(table.invalidPatterns)")
            }
        }
    }

    @Test func formalVocabularyCoversVerbFormsAndClippings() {
        #expect(Self.ruled("the api keeps timing out after the deploy", BuiltInStyles.formal)
                == "the api continues timing out following the deploy")
        #expect(Self.ruled("gonna be out of office all next week", BuiltInStyles.formal)
                == "I will be out of the office all next week")
        #expect(Self.ruled("i'll send the numbers over before the review", BuiltInStyles.formal)
                == "I will forward the figures prior to the review")
        #expect(Self.ruled("the staging box is acting up, any idea what's going on", BuiltInStyles.formal)
                == "the staging box is malfunctioning, does anyone know what is happening")
        #expect(Self.ruled("we can't afford another outage like last week's", BuiltInStyles.formal)
                == "we cannot afford another outage such as last week's")
        // "like" the verb stays.
        #expect(Self.ruled("I like the new repo", BuiltInStyles.formal) == "I like the new repository")
        #expect(Self.ruled("ok so the api is so slow now, p95 is like {1} secs", BuiltInStyles.formal)
                == "the api is extremely slow now, p95 is approximately {1} seconds")
        #expect(Self.ruled("you coming to the review?", BuiltInStyles.formal) == "are you coming to the review?")
        #expect(Self.ruled("the tests keep getting slower, it works fine locally", BuiltInStyles.formal)
                == "the tests continue becoming slower, it functions correctly locally")
        // A bare imperative is a formal request.
        #expect(SentenceFinishing.apply("contact the operations team", style: BuiltInStyles.formal)
                == "Please contact the operations team.")
    }

    @Test func casualVocabularyCoversVerbFormsAndSetPhrases() {
        #expect(Self.ruled("Your cooperation in this matter is greatly appreciated.", BuiltInStyles.casual)
                == "Thanks for your cooperation.")
        #expect(Self.ruled("Please refrain from using the room without a reservation.", BuiltInStyles.casual)
                == "Just avoid using the room without a booking.")
        #expect(Self.ruled("The team has investigated the outage and determined the cause.", BuiltInStyles.casual)
                == "The team has looked into the outage and figured out the cause.")
        // "request" the noun stays; "quite a" stays.
        #expect(Self.ruled("Your request is quite a surprise.", BuiltInStyles.casual) == "Your request's quite a surprise.")
    }

    /// Words whose everyday swap would change the sense stay as they are.
    @Test func swapsLeaveOtherSensesAlone() {
        #expect(Self.ruled("The remaining tasks need the operating system.", BuiltInStyles.plain)
                == "The remaining tasks need the operating system.")
        #expect(Self.ruled("We conclude that a dear friend paid the outstanding invoices.", BuiltInStyles.casual)
                == "We conclude that a dear friend paid the outstanding invoices.")
        #expect(Self.ruled("The form must be accompanied by a receipt.", BuiltInStyles.casual)
                == "The form must be accompanied by a receipt.")
        #expect(Self.ruled("We will keep you informed.", BuiltInStyles.casual) == "We'll keep you posted.")
        #expect(Self.ruled("give me a call when you can", BuiltInStyles.formal) == "call me at your convenience")
    }

    @Test func plainUsesShortWordsAndSplitsClauses() {
        #expect(Self.ruled("Notwithstanding the aforementioned limitations, the methodology remains applicable.",
                           BuiltInStyles.plain) == "Despite the limitations, the method is still applicable.")
        let split = SentenceFinishing.apply(Self.ruled("The build failed on the main server; the team is looking into it.",
                                                       BuiltInStyles.plain), style: BuiltInStyles.plain)
        #expect(split == "The build failed on the main server. The team is looking into it.")
        // A long sentence is split at a clause joint near its middle; both halves stand alone.
        #expect(SentenceFinishing.apply("The annual charge of {1} is levied on the total value of the portfolio, which is deducted from the fund every month whatever the returns.", style: BuiltInStyles.plain)
                == "The annual charge of {1} is levied on the total value of the portfolio. This is deducted from the fund every month whatever the returns.")
        #expect(SentenceFinishing.apply("The certificate must go with the shipment at every point of entry, failing which the goods may be held or destroyed at the importer's expense.", style: BuiltInStyles.plain)
                == "The certificate must go with the shipment at every point of entry. If not, the goods may be held or destroyed at the importer's expense.")
        #expect(SentenceFinishing.apply("The hazard analysis names the cooling stage as a critical control point, needing constant temperature checks and written action when limits are passed.", style: BuiltInStyles.plain)
                == "The hazard analysis names the cooling stage as a critical control point. This needs constant temperature checks and written action when limits are passed.")
        #expect(SentenceFinishing.apply("Variable-rate application technologies enable the site-specific modulation of inputs, thereby improving resource-use efficiency and minimising environmental harm on the farm.", style: BuiltInStyles.plain)
                == "Variable-rate application technologies enable the site-specific modulation of inputs. This improves resource-use efficiency and minimises environmental harm on the farm.")
        #expect(SentenceFinishing.apply("Kiteboarders are warned against launching in offshore winds of any strength, as the drift may carry the rider beyond the reach of help on the shore.", style: BuiltInStyles.plain)
                == "Kiteboarders are warned against launching in offshore winds of any strength. This is because the drift may carry the rider beyond the reach of help on the shore.")
        #expect(!SentenceFinishing.apply("All persons entering the controlled area shall wear the protective equipment provided, including masks and gloves, and shall sign the book at the gate.", style: BuiltInStyles.plain).contains("This includes"))
        #expect(PlainSplitting.joints.allSatisfy { $0.pattern.pattern != "(?!)" })
        // A list keeps its commas, and a short sentence is not split.
        #expect(SentenceFinishing.apply("We need eggs, milk, and bread for the cake, which is for Sunday.", style: BuiltInStyles.plain)
                == "We need eggs, milk, and bread for the cake, which is for Sunday.")
        #expect(Self.ruled("We need eggs, milk, and bread for the cake.", BuiltInStyles.plain)
                == "We need eggs, milk, and bread for the cake.")
    }

    @Test func lightRulesAreOfferedBesideTheFullRules() async throws {
        let outcome = try await Restyler(generator: nil)
            .rewriteSentence("we're gonna need help with the migration", mask: ProtectedText(masking: ""),
                             style: BuiltInStyles.formal)
        #expect(Set(outcome.candidates.map(\.origin)) == ["rules", "light rules"])
        #expect(outcome.candidates.contains { $0.text == "We are going to need help with the migration." })
    }
}
