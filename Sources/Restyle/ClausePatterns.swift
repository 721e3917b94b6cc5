import Foundation

/// Word rules that depend on the words around them, written as regular expressions: whether "'s" is
/// "is" or a possessive, where a long sentence can be split, when "so" joins two clauses.
/// Patterns are case-insensitive unless they start with `(?-i)`; they run on masked text ({n} is a span).
enum ClausePatterns {
    /// Words after "X's" that show the "'s" is "is" ("the server's down", "the bug's still there");
    /// a possessive is followed by a noun. Nouns ending in -ing are left alone ("the client's meeting").
    static let copulaFollowers = [
        "a", "an", "the", "not", "still", "going", "gonna", "just", "already", "also", "always", "never", "very",
        "really", "super", "so", "too", "pretty", "kind", "kinda", "sort", "sorta", "somewhat", "quite", "now",
        "here", "there", "down", "up", "out", "off", "over", "due", "done", "ready", "broken", "fine", "back",
        "almost", "about", "all", "gone", "busted", "sick", "late", "happy", "annoyed", "stuck", "full", "empty",
        "wrong", "right", "good", "bad", "great", "ok", "okay", "live", "open", "closed", "in", "on", "at",
    ]
    static let ingNouns = [
        "meeting", "building", "setting", "settings", "wedding", "morning", "evening", "thing", "nothing",
        "something", "anything", "everything", "ceiling", "string", "ring", "king", "spring", "training", "funding",
        "pricing", "booking", "listing", "painting", "feeling", "offering", "opening", "ending", "timing", "heading",
        "warning", "parking", "shipping", "logging", "hosting", "routing", "mapping", "marketing", "planning",
        "onboarding", "recording", "reading", "writing", "drawing", "clothing", "housing", "ping",
    ]

    /// Formal: a noun's clitic "'s" spelled out ("the server's down" → "the server is down",
    /// "the bug's been fixed" → "the bug has been fixed"). Pronouns are handled by `contractionsExpanded`.
    static let cliticsExpanded = LexicalRules(patterns: [
        (#"\b([a-z]+)['’]s (?=(?:been|got|gotten)\b)"#, "$1 has "),
        (#"\b([a-z]+)['’]s (?=(?:"# + copulaFollowers.joined(separator: "|") + #"|(?!(?:"#
            + ingNouns.joined(separator: "|") + #")\b)[a-z]+ing|[a-z]+ed)\b)"#, "$1 is "),
    ])

    /// Verbs that casual writing uses without a subject ("forgot to cc you", "fixed the typo").
    static let subjectlessVerbs = [
        "forgot", "fixed", "finished", "sent", "updated", "pushed", "merged", "checked", "missed",
        "added", "removed", "deployed", "tested", "noticed", "wrote", "booked", "resolved", "corrected",
        "completed", "submitted", "received", "saw", "read", "heard", "found", "tried", "asked", "called",
        "thought", "lost", "left", "made",
    ]

    /// Formal: a clause joined by ", so" or ", but" gets a formal connective; a subject-less clause gets "I";
    /// "like 40 minutes" (an estimate) becomes "approximately 40 minutes".
    static let formal = LexicalRules(patterns: formalConnectives + subjectlessVerbs.flatMap(subjectAdded))

    /// Formal, before the word lists: chat openers and fillers go ("ok so the kids …", "so like the coach
    /// said …"), "like" before a number is an estimate, a question missing its auxiliary gets one.
    static let formalOpeners = LexicalRules(patterns: [
        (#"^(?:ok|okay|alright|well|anyway|anyways)(?:,? so)?,? "#, ""),
        (#"(?<=^|, )so,? like,? "#, ""), (#"(?<=^|, )like, "#, ""),
        (#"^(?:yo|ugh|oh|welp|meh|lol|omg|honestly|to be honest|hmm+|so yeah|yeah so)[,!.]? "#, ""),
        (#"^wait,? (?=(?:is|are|do|does|did|was|were|so|what|why|how|when|where|who)\b)"#, ""),
        // "… by 5:30 so don't be late" → "… by 5:30; therefore, do not be late" (the conjunction, not "so far").
        (#"(?<=\w|\}) so (?=(?:we|I|you|they|he|she|do not|don't|dont|please|get|make|let|bring|send)\b)"#, "; therefore, "),
        (#"(?<=\b(?:grab|get|got|tell|told|send|sent|give|gave|call|ask|asked|buy|bought|refund|let|help|see|saw|show|find|found|keep|kept|take|took|bring|pay|paid|ping|email|text|thank|invite|remind|fix|book|sell|sold|use|move) )em\b"#, "them"),
        (#"(?-i)^(?:Cannot|cannot) "#, "I cannot "),
        (#"^(?:anyone) (want|wish|need|have|know)s? "#, "does anyone $1 "),
        (#"\blike (?=\{\d+\})"#, "approximately "),
        (#"(?<=\{\d\}|\{\d\d\}) mins?\b"#, " minutes"), (#"(?<=\{\d\}|\{\d\d\}) secs?\b"#, " seconds"),
        (#"(?<=\{\d\}|\{\d\d\}) hrs?\b"#, " hours"),
        (#"(?-i)^(?:[Yy]ou) (?=[a-z]+ing\b[^.!]*\?$)"#, "are you "), (#"(?-i)^(?:[Tt]hey) (?=[a-z]+ing\b[^.!]*\?$)"#, "are they "),
        (#"(?-i)^(?:[Ss]omeone) (?=[a-z]+ing\b[^.!]*\?$)"#, "is someone "),
        (#",? (?:ok|okay|right)\?$"#, "."),
        // The passive with "got" ("my flight got cancelled") takes "was"; "got" alone becomes "received" later.
        (#"\b(we|you|they) got (?=\#(gotPassive)\b)"#, "$1 were "), (#"\bgot (?=\#(gotPassive)\b)"#, "was "),
        // A chat sentence without its subject: "have to leave early" → "I have to leave early".
        (#"(?-i)^[Hh]ave to "#, "I have to "), (#"(?-i)^[Nn]eed to "#, "I need to "),
        (#"(?-i)^[Dd]o not know "#, "I do not know "),
        (#"(?-i)^[Ww]ondering (?=(?:if|whether|about)\b)"#, "I am wondering "),
        (#"(?-i)^[Hh]oping (?=(?:to|that|for)\b)"#, "I am hoping "),
        // "way stricter" → "considerably stricter" (the intensifier before a comparative).
        (#"(?<!\bthe )\bway (?=[a-z]+er\b|more\b|less\b|too\b)"#, "considerably "),
    ])

    static let gotPassive = "(?:[a-z]+ed|broken|stolen|hit|stuck|lost|caught|sent|done|made|taken|left|told|paid|sold)"

    static let formalConnectives: [(String, String)] = [
        (#", so (?=(?:we|I|you|they|it|he|she|the|this|that|there|our|my|their)\b)"#, "; therefore, "),
        (#", but (?=(?:we|I|you|they|it|he|she|the|this|that|there|our|my|their)\b)"#, "; however, "),
        (#"(?<=, |\bby )like (?=\{\d+\})"#, "approximately "),
        (#"(?<=^|[,;] )sorry, "#, "I apologise; "), (#"(?<=^|[,;] )sorry (?:about|for) "#, "I apologise for "),
        // "keeps crashing" → "continues crashing": continue takes the gerund as keep does.
        (#"\bkeeps (?=[a-z]+ing\b)"#, "continues "), (#"\bkept (?=[a-z]+ing\b)"#, "continued "),
        (#"\bkeep (?=[a-z]+ing\b)"#, "continue "), (#"\bkeeping (?=[a-z]+ing\b)"#, "continuing "),
        // A chat sentence without its subject: "gonna be out all week" → "I will be out all week".
        (#"(?-i)^(?:[Gg]oing to|[Ww]ill) (?=be\b)"#, "I will "),
        (#"(?-i)^But "#, "However, "), (#"(?-i)^(?:Also|Plus),? "#, "Additionally, "),
        (#"(?-i)^So,? (?=(?:we|I|you|they|it|the|this|that|there|our|my)\b)"#, "Therefore, "),
        (#"\b(is|are|am|was|were) now\b"#, "$1 currently"),
        // "get worse" → "become worse"; "so slow" → "extremely slow" (the intensifier, not the conjunction).
        (#"\bget (?=\#(becomeAdjectives)\b)"#, "become "), (#"\bgets (?=\#(becomeAdjectives)\b)"#, "becomes "),
        (#"\bgot (?=\#(becomeAdjectives)\b)"#, "became "), (#"\bgetting (?=\#(becomeAdjectives)\b)"#, "becoming "),
        (#"\bgotten (?=\#(becomeAdjectives)\b)"#, "become "),
        (#"\bso (?=\#(becomeAdjectives)\b|(?:good|easy|hard|happy|annoying|frustrating|confusing|expensive|cheap|important)\b)"#,
         "extremely "),
        // Prepositions before a noun phrase take their formal forms; the conjunctions ("before we go") stay.
        (#"\bbefore (?=(?:the|this|that|these|those|our|your|my|their|his|her|its|each|every|a|an|lunch|noon|\{\d+\})\b)"#,
         "prior to "),
        (#"\bafter (?=(?:the|this|that|these|those|our|your|my|their|his|her|its|each|every|lunch|noon|\{\d+\})\b)"#,
         "following "),
        (#"\b(?:about|around) (?=\{\d+\})"#, "approximately "),
        (#"\bsend (it|them|this|that|(?:the|these|those|our|my|your) [a-z]+) over\b"#, "forward $1"),
        (#"\bsent (it|them|this|that|(?:the|these|those|our|my|your) [a-z]+) over\b"#, "forwarded $1"),
        (#"\b(questions?|emails?|messages?|notes?|concerns?|details|information|news|updates?|thoughts|feedback|complaints?|tickets?|calls?) about\b"#,
         "$1 regarding"),
        // "an outage like last week's" → "an outage such as last week's"; not the verb ("I like", "looks like").
        (#"(?<!\b(?:I|we|you|they|would|look|looks|looked|looking|seem|seems|seemed|sound|sounds|sounded|feel|feels|felt|just|more|much|not|do|did|does|don't|really|still)) like (?=(?:the|this|that|these|those|last|our|your|their|a|an|\{\d+\})\b)"#,
         " such as "),
    ]

    static let becomeAdjectives = "(?:worse|better|bigger|smaller|slower|faster|longer|shorter|late|later|ready|lost|busy|full|old|cold|hot|tired|confused|annoyed|upset|slow|fast|big|small|long|bad)"

    /// "forgot to cc you" → "I forgot to cc you"; "Fixed the typo" → "I fixed the typo".
    static func subjectAdded(_ verb: String) -> [(String, String)] {
        let capitalised = verb.prefix(1).uppercased() + verb.dropFirst()
        return [("(?-i)(^|, |; )" + verb + " ", "$1I " + verb + " "), ("(?-i)^" + capitalised + " ", "I " + verb + " ")]
    }

    /// Casual: a noun before "is" takes the clitic ("the meeting is" → "the meeting's"), as speech does.
    /// Not after nouns ending in s, x, z, h (where "'s" would read as a possessive or be unpronounceable)
    /// nor after function words ("this is", "what is" have their own forms or none).
    static let casual = LexicalRules(patterns: [
        (#"(?-i)\b(?!(?:[Tt]his|[Tt]hat|[Ww]hat|[Ww]ho|[Tt]here|[Hh]ere|[Ww]hich|[Aa]s|[Ss]o|[Hh]ow|[Ww]hy|[Ww]here|[Ww]hen|[Ii]t|[Hh]e|[Ss]he|[Aa]nd|[Oo]r|[Bb]ut|[Ii]f|[Ss]till|[Aa]lso|[Oo]nly|[Nn]ot|[Tt]o|[Tt]he|[Aa]|[Aa]n|[Oo]ne|[Ii]s|[Ff]ee|[Tt]ree)\b)([A-Za-z]*[a-gi-rt-wy]) is\b"#,
         "$1's"),
        (#"(?-i)\b(?!(?:[Tt]his|[Tt]hat|[Ww]hat|[Ww]ho|[Ii]t|[Hh]e|[Ss]he|[Tt]he|[Oo]ne|[Ww]hich)\b)([A-Za-z]*[a-gi-rt-wy]) has (?=(?:been|gone|got|had|done|made|sent|left|come|become|grown|taken|given|found|moved|changed|passed|finished|started|ended|approved|asked|agreed|decided)\b)"#,
         "$1's "),
        (#"\b(?:was|were) ([a-z]+ed) by\b"#, "got $1 by"),
        (#"(?-i)(?<!\b(?:[Hh]ow|[Ss]o|too|[Aa]s|[Tt]he|a|[Nn]ot|very|and|or|of|many) )\bmany (?=[a-z]{3,})"#, "lots of "),
        (#"(?-i)^Many (?=[a-z]{3,})"#, "Lots of "),
    ])

    /// Polite: an urgency word after an order joins it ("Move your bike. Now." → "… bike now", which the
    /// request then drops); "…, someone pick up" asks; "it needs to stop" becomes a wish.
    static let polite = LexicalRules(patterns: urgencyJoined + [
        (#"(?<=, )(?:someone|somebody) ((?:"# + requestVerbAlternation + #")\b[^,.!?]*)[.!]*$"#, "could someone please $1?"),
        (#"\b(it|this|that) (?:needs|has) to stop\b"#, "I would be grateful if $1 stopped"),
        // The exasperated "How many times do I have to tell you …?" is a reminder, asked as one.
        (#"^how many times do I (?:have|need) to (?:tell|ask|remind) you,? (?:that )?(.+?)\??$"#, "May I remind you that $1?"),
        // "I need them before Friday." → "I would appreciate having them before Friday."
        (#"(?-i)^I need (it|them|this|that|these|those)\b"#, "I would appreciate having $1"),
    ])
    static let urgencyJoined: [(String, String)] = ["now", "right now", "immediately", "as soon as possible", "today", "tonight"]
        .map { word in (#"[.!]+\s+"# + word + #"[.!]*$"#, " " + word) }
    static let requestVerbAlternation: String = SentenceFinishing.requestVerbs.sorted().joined(separator: "|")

    /// Plain: a long sentence is split where two clauses meet ("; ", ", and", ", but", ", so") when the
    /// first part holds no other comma (so a list "a, b, and c" is left alone).
    static let plain = LexicalRules(patterns: [
        (#"^([^,;]{20,}); (?=\S+ \S+ \S+)"#, "$1. "),
        (#"^([^,;]{20,}), and (?=\S+ \S+ \S+ \S+)"#, "$1. "),
        (#"^([^,;]{20,}), but (?=\S+ \S+ \S+)"#, "$1. But "),
        (#"^([^,;]{20,}), so (?=\S+ \S+ \S+)"#, "$1. So "),
    ])
}
