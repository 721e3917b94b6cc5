/// Inflected forms of verb phrases, so one rule line ("act up" → "malfunction") covers "acts up",
/// "acted up" and "acting up" too: the rules match whole words, and a list that names only the base form
/// misses most of what people write. The first word of a phrase is its verb; the rest is kept as it is.
enum VerbForms {
    /// Base, third person singular, past, past participle, present participle.
    struct Forms: Equatable {
        var base, third, past, participle, progressive: String
        var all: [String] { [base, third, past, participle, progressive] }
    }

    /// Verbs whose forms the spelling rules below get wrong (irregular, or a doubled final consonant).
    static let irregular: [String: Forms] = {
        let table: [(String, String, String, String)] = [  // base, past, participle, progressive
            ("be", "was", "been", "being"), ("have", "had", "had", "having"), ("do", "did", "done", "doing"),
            ("go", "went", "gone", "going"), ("get", "got", "gotten", "getting"), ("send", "sent", "sent", "sending"),
            ("break", "broke", "broken", "breaking"), ("keep", "kept", "kept", "keeping"),
            ("find", "found", "found", "finding"), ("take", "took", "taken", "taking"),
            ("give", "gave", "given", "giving"), ("come", "came", "come", "coming"), ("put", "put", "put", "putting"),
            ("set", "set", "set", "setting"), ("tell", "told", "told", "telling"),
            ("think", "thought", "thought", "thinking"), ("buy", "bought", "bought", "buying"),
            ("make", "made", "made", "making"), ("run", "ran", "run", "running"), ("shut", "shut", "shut", "shutting"),
            ("hit", "hit", "hit", "hitting"), ("cut", "cut", "cut", "cutting"), ("let", "let", "let", "letting"),
            ("hang", "hung", "hung", "hanging"), ("hold", "held", "held", "holding"),
            ("bring", "brought", "brought", "bringing"), ("catch", "caught", "caught", "catching"),
            ("lose", "lost", "lost", "losing"), ("show", "showed", "shown", "showing"),
            ("blow", "blew", "blown", "blowing"), ("meet", "met", "met", "meeting"), ("sit", "sat", "sat", "sitting"),
            ("begin", "began", "begun", "beginning"), ("leave", "left", "left", "leaving"),
            ("say", "said", "said", "saying"), ("pay", "paid", "paid", "paying"), ("see", "saw", "seen", "seeing"),
            ("write", "wrote", "written", "writing"), ("drive", "drove", "driven", "driving"),
            ("undergo", "underwent", "undergone", "undergoing"), ("withdraw", "withdrew", "withdrawn", "withdrawing"),
            ("undertake", "undertook", "undertaken", "undertaking"), ("forgo", "forwent", "forgone", "forgoing"),
            ("arise", "arose", "arisen", "arising"), ("seek", "sought", "sought", "seeking"),
            ("stop", "stopped", "stopped", "stopping"), ("drop", "dropped", "dropped", "dropping"),
            ("ship", "shipped", "shipped", "shipping"), ("wrap", "wrapped", "wrapped", "wrapping"),
            ("swap", "swapped", "swapped", "swapping"), ("plan", "planned", "planned", "planning"),
            ("chat", "chatted", "chatted", "chatting"), ("hop", "hopped", "hopped", "hopping"),
            ("slip", "slipped", "slipped", "slipping"), ("skip", "skipped", "skipped", "skipping"),
            ("plug", "plugged", "plugged", "plugging"), ("flag", "flagged", "flagged", "flagging"),
            ("log", "logged", "logged", "logging"), ("submit", "submitted", "submitted", "submitting"),
            ("permit", "permitted", "permitted", "permitting"), ("omit", "omitted", "omitted", "omitting"),
            ("transmit", "transmitted", "transmitted", "transmitting"), ("refer", "referred", "referred", "referring"),
            ("defer", "deferred", "deferred", "deferring"), ("occur", "occurred", "occurred", "occurring"),
            ("prefer", "preferred", "preferred", "preferring"), ("commit", "committed", "committed", "committing"),
            ("admit", "admitted", "admitted", "admitting"), ("regret", "regretted", "regretted", "regretting"),
            ("step", "stepped", "stepped", "stepping"), ("tap", "tapped", "tapped", "tapping"),
            ("speed", "sped", "sped", "speeding"),
            ("read", "read", "read", "reading"), ("hear", "heard", "heard", "hearing"),
            ("choose", "chose", "chosen", "choosing"), ("forget", "forgot", "forgotten", "forgetting"),
            ("feel", "felt", "felt", "feeling"), ("understand", "understood", "understood", "understanding"),
            ("spend", "spent", "spent", "spending"), ("build", "built", "built", "building"),
            ("lend", "lent", "lent", "lending"), ("win", "won", "won", "winning"), ("eat", "ate", "eaten", "eating"),
            ("speak", "spoke", "spoken", "speaking"), ("steal", "stole", "stolen", "stealing"),
            ("wear", "wore", "worn", "wearing"), ("throw", "threw", "thrown", "throwing"),
            ("fall", "fell", "fallen", "falling"), ("teach", "taught", "taught", "teaching"),
            ("fly", "flew", "flown", "flying"), ("know", "knew", "known", "knowing"),
            ("grow", "grew", "grown", "growing"), ("mean", "meant", "meant", "meaning"),
            ("sell", "sold", "sold", "selling"), ("sleep", "slept", "slept", "sleeping"),
            ("stand", "stood", "stood", "standing"), ("sing", "sang", "sung", "singing"),
            ("hide", "hid", "hidden", "hiding"), ("ride", "rode", "ridden", "riding"),
            ("shake", "shook", "shaken", "shaking"), ("forgive", "forgave", "forgiven", "forgiving"),
            ("swim", "swam", "swum", "swimming"), ("draw", "drew", "drawn", "drawing"),
            ("drink", "drank", "drunk", "drinking"), ("feed", "fed", "fed", "feeding"),
            ("fight", "fought", "fought", "fighting"), ("shoot", "shot", "shot", "shooting"),
            ("stick", "stuck", "stuck", "sticking"), ("wake", "woke", "woken", "waking"),
            ("tear", "tore", "torn", "tearing"), ("bend", "bent", "bent", "bending"),
            ("deal", "dealt", "dealt", "dealing"), ("dig", "dug", "dug", "digging"),
            ("hurt", "hurt", "hurt", "hurting"), ("cost", "cost", "cost", "costing"),
            ("quit", "quit", "quit", "quitting"), ("spread", "spread", "spread", "spreading"),
            ("split", "split", "split", "splitting"), ("bet", "bet", "bet", "betting"),
            ("ring", "rang", "rung", "ringing"), ("lead", "led", "led", "leading"),
            ("bite", "bit", "bitten", "biting"), ("sweep", "swept", "swept", "sweeping"),
        ]
        var forms: [String: Forms] = [:]
        for (base, past, participle, progressive) in table {
            forms[base] = Forms(base: base, third: thirdPerson(base), past: past, participle: participle,
                                progressive: progressive)
        }
        forms["be"]?.third = "is"
        forms["have"]?.third = "has"
        return forms
    }()

    static func forms(of verb: String) -> Forms {
        if let known = irregular[verb] { return known }
        let past: String
        let progressive: String
        if verb.hasSuffix("e"), !verb.hasSuffix("ee") {
            past = verb + "d"; progressive = String(verb.dropLast()) + "ing"
        } else if endsInConsonantY(verb) {
            past = String(verb.dropLast()) + "ied"; progressive = verb + "ing"
        } else {
            past = verb + "ed"; progressive = verb + "ing"
        }
        return Forms(base: verb, third: thirdPerson(verb), past: past, participle: past, progressive: progressive)
    }

    static func thirdPerson(_ verb: String) -> String {
        if ["s", "x", "z", "ch", "sh", "o"].contains(where: { verb.hasSuffix($0) }) { return verb + "es" }
        if endsInConsonantY(verb) { return String(verb.dropLast()) + "ies" }
        return verb + "s"
    }

    private static func endsInConsonantY(_ verb: String) -> Bool {
        guard verb.hasSuffix("y"), verb.count >= 2 else { return false }
        return !"aeiou".contains(verb[verb.index(verb.endIndex, offsetBy: -2)])
    }

    /// Every form of every pair: ("act up", "malfunction") gives ("acts up", "malfunctions"), ("acted up",
    /// "malfunctioned"), ("acting up", "malfunctioning") and the base pair. A replacement that is empty or
    /// starts with a non-verb ("" or "please …") should not be listed here.
    static func conjugated(_ pairs: [(String, String)]) -> [(String, String)] {
        var result: [(String, String)] = []
        for (phrase, replacement) in pairs {
            let (verb, rest) = split(phrase)
            let (otherVerb, otherRest) = split(replacement)
            let from = forms(of: verb), to = forms(of: otherVerb)
            // "provided" is past or participle; "give" tells them apart ("gave", "given"), so which one is
            // meant is unknown: such a form is left out rather than guessed.
            let ambiguous = from.past == from.participle && to.past != to.participle
            var seen = Set<String>()
            for (index, (a, b)) in zip(from.all, to.all).enumerated() where seen.insert(a).inserted {
                if ambiguous, index == 2 || index == 3 { continue }
                result.append((a + rest, b + otherRest))
            }
        }
        return result
    }

    private static func split(_ phrase: String) -> (verb: String, rest: String) {
        guard let space = phrase.firstIndex(of: " ") else { return (phrase, "") }
        return (String(phrase[..<space]), String(phrase[space...]))
    }
}
