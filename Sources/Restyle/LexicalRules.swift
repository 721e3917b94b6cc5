import Foundation

/// Word-level rewrites applied before the model (so a small model starts from cleaner text) and
/// again after it (to undo what it reintroduced). Rules run on masked text, never on protected spans.
/// Phrase lists are ours; Debian's `diction` data is GPL-3 and is not bundled.
/// `@unchecked`: NSRegularExpression is immutable and documented thread-safe.
public struct LexicalRules: @unchecked Sendable {
    /// Every phrase of the table in one alternation, longest first ("in order to" before "order"): one
    /// regular expression per table, compiled once and run once per text. Hundreds of separate expressions
    /// cost ~0.1 s per sentence here, most of it compiling. Phrases in one table do not feed each other.
    let phrases: NSRegularExpression?
    /// Replacement by the matched phrase, lower-cased with a straight apostrophe.
    let replacementByPhrase: [String: String]
    /// Regular expressions with `$1` templates, applied in order after the phrases (see `ClausePatterns`).
    var patterns: [(NSRegularExpression, String)] = []
    /// Patterns that did not compile (a programming error: `StyleRulesTests` checks every table is empty here).
    var invalidPatterns: [String] = []

    /// Rules that need context a phrase table cannot give ("the bug's still" is "is", "the bug's fix" is not).
    init(patterns table: [(String, String)]) {
        phrases = nil
        replacementByPhrase = [:]
        for (pattern, template) in table {
            if let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) {
                patterns.append((regex, template))
            } else {
                invalidPatterns.append(pattern)
            }
        }
    }

    init(_ table: [(String, String)]) {
        var byPhrase: [String: String] = [:]
        var ordered: [String] = []
        for (phrase, replacement) in table where byPhrase[Self.key(phrase)] == nil {  // the first listing wins
            byPhrase[Self.key(phrase)] = replacement
            ordered.append(phrase)
        }
        ordered.sort { $0.count > $1.count }
        let alternation = ordered.map {
            NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: "'", with: "['’]")
        }.joined(separator: "|")
        replacementByPhrase = byPhrase
        phrases = ordered.isEmpty ? nil : try? NSRegularExpression(
            pattern: #"(?<![\w'’{])(?:"# + alternation + #")(?![\w'’}/]|\.\w)"#, options: [.caseInsensitive])
        if phrases == nil, !ordered.isEmpty { invalidPatterns = ["a table of \(ordered.count) phrases"] }
    }

    static func key(_ phrase: String) -> String { phrase.lowercased().replacingOccurrences(of: "’", with: "'") }

    /// Applies every rule; a replacement keeps the capital of the word it replaces.
    public func apply(_ text: String) -> String {
        var result = text
        if let phrases {
            let ns = result as NSString
            var output = ""
            var cursor = 0
            for match in phrases.matches(in: result, range: NSRange(location: 0, length: ns.length)) {
                output += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
                let original = ns.substring(with: match.range)
                output += Self.matchingCase(replacementByPhrase[Self.key(original)] ?? original, like: original)
                cursor = match.range.location + match.range.length
            }
            result = output + ns.substring(from: cursor)
        }
        for (regex, template) in patterns {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(location: 0, length: (result as NSString).length),
                                                    withTemplate: template)
        }
        return Self.tidy(result)
    }

    static func matchingCase(_ replacement: String, like original: String) -> String {
        guard let first = original.first, first.isUppercase, let head = replacement.first else { return replacement }
        // "I" alone is always capital; do not read it as a sentence start.
        if original == "I" || original.hasPrefix("I ") || original.hasPrefix("I'") { return replacement }
        return head.uppercased() + replacement.dropFirst()
    }

    /// Collapses doubled spaces and spaces before punctuation left by deletions.
    static func tidy(_ text: String) -> String {
        var result = text.replacingOccurrences(of: #"[ \t]{2,}"#, with: " ", options: .regularExpression)
        result = result.replacingOccurrences(of: #" +([,.;:!?])"#, with: "$1", options: .regularExpression)
        result = result.replacingOccurrences(of: #"^[ ,]+"#, with: "", options: .regularExpression)
        result = result.replacingOccurrences(of: #"(['’]s){2,}\b"#, with: "$1", options: .regularExpression)
        // "request 's been" after a phrase rule that begins with the clitic.
        result = result.replacingOccurrences(of: #"(?<=[\w}]) (['’]s|['’]ll|['’]re|['’]ve|['’]d)\b"#, with: "$1",
                                             options: .regularExpression)
        return result
    }

    /// Rules for a style before and after generation.
    public static func rules(for style: RestyleStyle) -> [LexicalRules] {
        switch style.name {
        case "formal": [slang, contractionsExpanded, ClausePatterns.cliticsExpanded, ClausePatterns.formalOpeners, formalPhrases,
                         formalWords, formalVerbs,
                         ClausePatterns.formal]
        case "polite": [slang, questionContractions, rudeness, ClausePatterns.polite]
        case "casual": [casualWords, casualPhrases, everydayWords, simpleWords, casualVerbs, contractionsMade,
                         casualPatterns, ClausePatterns.casual]
        case "concise": [slang, wordy]
        case "plain": [slang, wordy, simpleWords, everydayWords, plainWords, plainVerbs, ClausePatterns.plain]
        case "neutral": [profanity]
        default: []
        }
    }

    /// The lighter set offered as a second rules candidate (see `Restyler`); empty where there is none.
    public static func lightRules(for style: RestyleStyle) -> [LexicalRules] {
        switch style.name {
        case "formal": [slang, contractionsExpanded, ClausePatterns.cliticsExpanded]
        case "casual": [contractionsMade, ClausePatterns.casual]
        case "plain": [slang, wordy, simpleWords]
        default: []
        }
    }

    public static let slang = LexicalRules([
        ("gonna", "going to"), ("wanna", "want to"), ("gotta", "have to"), ("kinda", "kind of"),
        ("shoulda", "should have"), ("coulda", "could have"), ("woulda", "would have"),
        ("sorta", "sort of"), ("tmrw", "tomorrow"), ("tmr", "tomorrow"), ("tomoz", "tomorrow"),
        ("cuz", "because"), ("coz", "because"), ("bc", "because"), ("u", "you"),
        ("ur", "your"), ("r", "are"), ("pls", "please"), ("plz", "please"), ("thx", "thanks"), ("ty", "thank you"),
        ("btw", "by the way"), ("asap", "as soon as possible"), ("dunno", "do not know"), ("lemme", "let me"),
        ("gimme", "give me"), ("y'all", "you all"), ("b4", "before"), ("idk", "I do not know"),
        ("imo", "in my opinion"), ("imho", "in my opinion"), ("msg", "message"), ("ppl", "people"),
        ("w/", "with"), ("w/o", "without"), ("abt", "about"), ("rn", "right now"), ("tho", "though"),
        ("thru", "through"), ("nvm", "never mind"), ("tbh", "to be honest"), ("see ya", "see you"), ("ngl", ""), ("lmk", "let me know"), ("afaik", "as far as I know"),
        ("iirc", "if I recall correctly"), ("fwiw", "for what it is worth"), ("tix", "tickets"), ("cant", "cannot"),
        ("dont", "do not"), ("didnt", "did not"), ("doesnt", "does not"), ("isnt", "is not"), ("wasnt", "was not"),
        ("couldnt", "could not"), ("shouldnt", "should not"), ("wouldnt", "would not"), ("havent", "have not"),
        ("hasnt", "has not"), ("arent", "are not"), ("thats", "that is"), ("youre", "you are"),
        ("theyre", "they are"), ("ive", "I have"), ("im", "I am"), ("lol", ""), ("omg", ""), ("ya", "you"), ("yea", "yes"),
        ("prob", "probably"), ("probs", "probably"), ("convo", "conversation"),
        ("mon", "Monday"), ("tues", "Tuesday"), ("tue", "Tuesday"), ("weds", "Wednesday"),
        ("thurs", "Thursday"), ("thu", "Thursday"), ("fri", "Friday"), ("i", "I"), ("i'm", "I'm"), ("i've", "I've"), ("i'll", "I'll"), ("i'd", "I'd"),
    ])

    /// A question's contraction spelled out, so the polite finishing can recognise "Where's my refund?".
    public static let questionContractions = LexicalRules([
        ("where's", "where is"), ("what's", "what is"), ("how's", "how is"), ("who's", "who is"), ("why's", "why is"),
        ("when's", "when is"),
    ])

    public static let contractionsExpanded = LexicalRules([
        ("can't", "cannot"), ("won't", "will not"), ("don't", "do not"), ("doesn't", "does not"),
        ("didn't", "did not"), ("isn't", "is not"), ("aren't", "are not"), ("wasn't", "was not"),
        ("weren't", "were not"), ("haven't", "have not"), ("hasn't", "has not"), ("hadn't", "had not"),
        ("couldn't", "could not"), ("shouldn't", "should not"), ("wouldn't", "would not"), ("ain't", "is not"),
        ("I'm", "I am"), ("I've", "I have"), ("I'll", "I will"), ("I'd", "I would"), ("you're", "you are"),
        ("you've", "you have"), ("you'll", "you will"), ("we're", "we are"), ("we've", "we have"),
        ("we'll", "we will"), ("they're", "they are"), ("they've", "they have"), ("they'll", "they will"),
        ("it's been", "it has been"), ("that's been", "that has been"), ("there's been", "there has been"),
        ("what's been", "what has been"), ("he's been", "he has been"), ("she's been", "she has been"),
        ("who's been", "who has been"), ("it's got", "it has"), ("that's got", "that has"),
        ("it's", "it is"), ("that's", "that is"), ("there's", "there is"), ("here's", "here is"),
        ("what's", "what is"), ("let's", "let us"), ("he's", "he is"), ("she's", "she is"),
        ("who's", "who is"), ("it'll", "it will"), ("that'll", "that will"),
        ("we'd", "we would"), ("you'd", "you would"), ("they'd", "they would"), ("he'd", "he would"),
        ("she'd", "she would"), ("it'd", "it would"), ("there'll", "there will"), ("who'll", "who will"),
    ])

    public static let contractionsMade = LexicalRules([
        ("cannot", "can't"), ("will not", "won't"), ("we will not", "we won't"), ("I will not", "I won't"),
        ("you will not", "you won't"), ("they will not", "they won't"), ("it will not", "it won't"), ("do not", "don't"), ("does not", "doesn't"),
        ("did not", "didn't"), ("is not", "isn't"), ("are not", "aren't"), ("was not", "wasn't"),
        ("have not", "haven't"), ("has not", "hasn't"), ("could not", "couldn't"), ("should not", "shouldn't"),
        ("would not", "wouldn't"), ("I am", "I'm"), ("I have", "I've"), ("I will", "I'll"), ("you are", "you're"),
        ("we are", "we're"), ("they are", "they're"), ("it is", "it's"), ("that is", "that's"),
        ("there is", "there's"), ("let us", "let's"), ("we will", "we'll"), ("you will", "you'll"),
    ])

    public static let formalWords = LexicalRules([
        ("yeah", "yes"), ("yep", "yes"), ("nope", "no"), ("hey", "hello"), ("guys", "everyone"),
        ("stuff", "material"), ("a lot of", "many"), ("lots of", "many"), ("get rid of", "remove"),
        ("find out", "determine"), ("check out", "examine"), ("kind of", "somewhat"), ("pretty much", "largely"),
        ("thanks", "thank you"), ("boss", "manager"), ("okay", "acceptable"), ("ok", "acceptable"),
        ("pushed to", "postponed to"), ("super", "very"), ("awesome", "excellent"), ("cool", "good"),
        ("got moved", "was moved"), ("got pushed", "was postponed"), ("got back to", "responded to"),
        ("get back to", "respond to"), ("figure out", "determine"), ("look into", "investigate"),
        ("take a look", "review it"), ("talk about", "discuss"), ("a bit", "slightly"), ("right now", "currently"),
        ("maybe", "perhaps"), ("kids", "children"), ("kid", "child"), ("buy", "purchase"), ("ask for", "request"),
        ("totally", "entirely"), ("pretty", "fairly"), ("tons of", "many"), ("loads of", "many"),
        ("a bunch of", "several"), ("thanks a bunch", "thank you very much"), ("busted", "not working"),
        ("nah", "no"), ("yup", "yes"), ("hi", "hello"), ("folks", "everyone"), ("huge", "substantial"),
        ("check if", "verify whether"), ("check whether", "verify whether"), ("let me know", "please inform me"),
        ("hit me up", "contact me"), ("heads up", "please note"), ("sort out", "resolve"), ("sort this out", "resolve this"),
        ("i think", "I believe"), ("am going to", "will"), ("are going to", "will"), ("is going to", "will"),
        ("want to", "wish to"), ("can you", "could you"), ("need to", "must"), ("need", "require"),
        ("needs", "requires"), ("enough", "sufficient"), ("hard", "difficult"), ("big", "substantial"),
        ("just", ""), ("really", ""), ("anyway", ""), ("honestly", ""), ("so yeah", ""),
        ("docs", "documentation"), ("ship", "release"), ("info", "information"), ("app", "application"),
        ("make it to", "attend"), ("a lot", "considerably"),
        ("by the way,", "incidentally,"), ("by the way", "incidentally,"), ("thank you so much", "thank you very much"),
        ("quick fix", "prompt correction"), ("the fix", "the correction"), ("a fix", "a correction"),
        ("fix", "resolve"), ("fixes", "resolves"), ("fixed", "resolved"),
        ("worth it", "worthwhile"), ("annoyed", "displeased"), ("do not forget", "please remember"),
        ("grab lunch", "have lunch"), ("grab a coffee", "have a coffee"), ("grab", "collect"),
        ("stuck", "unable to proceed"), ("still there", "still present"), ("a couple of", "a few"),
        ("till", "until"), ("a total waste of time", "entirely unproductive"),
        ("a complete waste of time", "entirely unproductive"), ("a waste of time", "unproductive"),
        ("piling up", "accumulating"), ("need help", "require assistance"), ("needs help", "requires assistance"),
        ("ugh", ""), ("is broken", "is not functioning"), ("are broken", "are not functioning"),
        ("know if", "know whether"), ("see if", "see whether"), ("cut the", "reduce the"),
        ("pretty cool", "rather impressive"), ("really cool", "very impressive"),
        ("happy with", "satisfied with"), ("takes forever", "takes a very long time"),
        ("took forever", "took a very long time"), ("touch base", "confer"), ("tell", "inform"),
        ("help me", "assist me"), ("help us", "assist us"), ("help you", "assist you"), ("try to", "attempt to"),
        ("got", "received"), ("got to", "had to"), ("have got", "have"), ("has got", "has"), ("wrong", "incorrect"), ("weird", "unusual"), ("crazy", "unreasonable"),
        ("mad", "upset"), ("messed up", "made an error in"), ("mess up", "make an error in"), ("blew the", "exceeded the"), ("blew through", "exceeded"),
        ("screwed up", "made an error in"), ("acts up", "malfunctions"), ("act up", "malfunction"),
        ("out of office", "out of the office"), ("in a sec", "shortly"), ("get a sec", "have a moment"),
        ("a sec", "a moment"), ("smashed the", "exceeded the"),
    ])

    /// Formal phrasing made everyday; the casual counterpart of `formalWords` and `simpleWords`.
    public static let casualWords = LexicalRules([
        ("we regret to inform you that", "we're sorry to tell you that"),
        ("we regret to inform you", "we're sorry to tell you"), ("I regret to inform you", "I'm sorry to tell you"), ("please be advised that", "heads up,"),
        ("please ensure that", "make sure"), ("ensure that", "make sure"), ("ensure", "make sure"),
        ("kindly", ""), ("at your earliest convenience", "when you can"), ("as soon as possible", "asap"),
        ("I would be grateful if you could", "could you"), ("I would appreciate it if you could", "could you"),
        ("I would appreciate", "I'd love"), ("would like to", "want to"), ("wish to", "want to"),
        ("regarding", "about"), ("concerning", "about"), ("purchase", "buy"), ("obtain", "get"), ("receive", "get"),
        ("require", "need"), ("requires", "needs"), ("assist", "help"), ("assistance", "help"),
        ("commence", "start"), ("commences", "starts"), ("inform", "tell"), ("however", "but"),
        ("therefore", "so"), ("consequently", "so"), ("approximately", "about"), ("sufficient", "enough"),
        ("additional", "more"), ("numerous", "lots of"), ("prior to", "before"), ("subsequently", "later"),
        ("currently", "right now"), ("am unable to", "can't"), ("are unable to", "can't"), ("is unable to", "can't"),
        ("unable to", "can't"), ("do not hesitate to", "just"), ("greatly appreciated", "really appreciated"),
        ("very", "really"), ("shall", "will"), ("regrettably", "sadly"), ("unfortunately", "sadly"),
        ("has been postponed", "got pushed back"), ("postponed", "pushed back"), ("in order to", "to"),
        ("furthermore", "also"), ("moreover", "also"), ("nevertheless", "still"), ("considerable", "big"),
        ("substantial", "big"), ("significant", "big"), ("individuals", "people"), ("children", "kids"),
        ("manager", "boss"), ("hello", "hey"), ("thank you", "thanks"), ("has been", "'s been"),
        ("it has come to our attention that", "we've noticed"), ("should you require", "if you need"),
        ("should you need", "if you need"), ("should you have", "if you have"), ("further", "more"),
        ("appropriate", "right"), ("remain", "are still"),
        ("shall remain", "will stay"), ("will remain", "will stay"), ("must remain", "must stay"),
        ("should remain", "should stay"), ("may remain", "may stay"), ("can remain", "can stay"), ("to remain", "to stay"),
        ("would remain", "would stay"), ("might remain", "might stay"), ("contact me", "ping me"),
        ("mandatory", "a must"), ("prohibited", "not allowed"), ("commenced", "started"), ("terminate", "end"), ("I wish to express my sincere gratitude for", "thanks so much for"),
        ("we would like to", "we'd like to"), ("I would like to", "I'd like to"), ("we would", "we'd"),
        ("I would", "I'd"), ("you would", "you'd"), ("they would", "they'd"), ("it would", "it'd"),
        ("we have been", "we've been"), ("I have been", "I've been"), ("you have been", "you've been"),
        ("please do not hesitate to", "just"), ("please find attached", "here's"),
        ("please find enclosed", "here's"), ("immediately", "right away"), ("take effect", "kick in"),
        ("takes effect", "kicks in"), ("express our gratitude", "say thanks"), ("express my gratitude", "say thanks"),
        ("express our sincere gratitude", "say thanks"), ("express my sincere gratitude", "say thanks"),
        ("completed", "done"), ("reducing", "cutting"), ("reduce", "cut"), ("exceptional", "amazing"),
        ("owing to unforeseen circumstances", "because something came up"),
        ("due to unforeseen circumstances", "because something came up"), ("will be held", "is happening"),
        ("will take place", "is happening"), ("please refer to", "check out"),
        ("fairly", "pretty"), ("extremely", "super"), ("exceptionally", "super"), ("acceptable", "okay"),
        ("satisfactory", "fine"), ("certainly", "sure"), ("merely", "just"), ("simply", "just"),
        ("slightly", "a bit"), ("such as", "like"), ("as a result,", "so"), ("significantly", "a lot"),
        ("determine", "figure out"), ("determined that", "figured out that"), ("repair", "fix"),
        ("correct the", "fix the"), ("a large number of", "a lot of"), ("a great deal of", "a lot of"),
        ("please note that", "heads up,"), ("kind regards", "cheers"), ("best regards", "cheers"),
        ("unable to proceed", "stuck"), ("we appreciate your", "thanks for your"),
        ("I appreciate your", "thanks for your"), ("we are grateful for", "thanks for"),
        ("I am grateful for", "thanks for"), ("review the", "go over the"), ("to review", "to go over"),
    ])

    public static let rudeness = LexicalRules([
        ("shut up", ""), ("you must", "please"),
        ("I told you to", "as I mentioned, please"), ("I told you", "as I mentioned"),
        ("you should have", "perhaps you could have"), ("you need to", "please"), ("you have to", "please"),
        ("is wrong", "is not quite right"), ("are wrong", "are not quite right"), ("was wrong", "was not quite right"),
        ("were wrong", "were not quite right"), ("ugly", "not very appealing"), ("useless", "not very useful"),
        ("terrible", "not great"), ("awful", "not great"), ("not helpful", "not very helpful"),
        ("stupid", "unwise"), ("ridiculous", "surprising"), (", no excuses", ""), ("no excuses", ""),
        ("I need you to", "could you please"), ("I need the", "I would appreciate the"),
        ("I need your", "I would appreciate your"), ("I need a", "I would appreciate a"),
        ("any update", "could you share an update"), ("any updates", "could you share any updates"),
        ("any news", "could you share any news"), ("figure it out yourself", "could you please look into it"),
        ("I want", "I would like"),
        // Hostile words the blind judge found left in polite rewrites (test12), and their kin.
        ("filthy", "not very clean"), ("disgusting", "unpleasant"), ("pathetic", "disappointing"),
        ("is a mess", "is rather disorganised"), ("are a mess", "are rather disorganised"),
        ("is a joke", "is disappointing"), ("is rubbish", "is not very good"), ("are rubbish", "are not very good"),
        ("sloppy", "careless"), ("I'm tired of", "I would rather not keep"), ("I am tired of", "I would rather not keep"),
        ("I'm sick of", "I would rather not keep"), ("I am sick of", "I would rather not keep"),
        ("I'm fed up with", "I am frustrated with"),
    ])

    public static let wordy = LexicalRules([
        ("in order to", "to"), ("due to the fact that", "because"), ("owing to the fact that", "because"),
        ("in spite of the fact that", "although"), ("despite the fact that", "although"),
        ("at this point in time", "now"), ("at the present time", "now"), ("at this moment in time", "now"),
        ("in the event that", "if"), ("for the purpose of", "for"), ("with regard to", "about"),
        ("with respect to", "about"), ("in regard to", "about"), ("in relation to", "about"),
        ("a large number of", "many"), ("a majority of", "most"), ("the majority of", "most"),
        ("in the near future", "soon"), ("prior to", "before"), ("subsequent to", "after"),
        ("is able to", "can"), ("are able to", "can"), ("has the ability to", "can"), ("in close proximity to", "near"),
        ("make a decision", "decide"), ("come to the conclusion", "conclude"), ("give consideration to", "consider"),
        ("take into consideration", "consider"), ("it is important to note that", ""), ("it should be noted that", ""),
        ("needless to say", ""), ("as a matter of fact", "in fact"), ("each and every", "every"),
        ("first and foremost", "first"), ("the reason why is that", "because"), ("until such time as", "until"),
        ("in the process of", ""), ("on a daily basis", "daily"), ("on a regular basis", "regularly"),
        ("whether or not", "whether"), ("basically", ""), ("actually", ""), ("very unique", "unique"),
        ("in a timely manner", "promptly"), ("make sure that", "ensure"), ("has the capacity to", "can"),
        ("at all times", "always"), ("during the course of", "during"), ("in the course of", "during"),
        ("a number of", "several"), ("is indicative of", "shows"), ("serves to", ""),
    ])

    public static let simpleWords = LexicalRules([
        ("utilize", "use"), ("ascertain that", "check that"),
        ("ascertain whether", "find out whether"), ("utilise", "use"), ("utilization", "use"), ("commence", "start"), ("terminate", "end"),
        ("facilitate", "help"), ("approximately", "about"), ("sufficient", "enough"), ("purchase", "buy"),
        ("assist", "help"), ("assistance", "help"), ("obtain", "get"), ("require", "need"), ("requires", "needs"),
        ("subsequently", "later"), ("demonstrate", "show"), ("demonstrates", "shows"), ("endeavor", "try"),
        ("endeavour", "try"), ("ascertain", "find out"), ("numerous", "many"), ("additional", "more"),
        ("regarding", "about"), ("nevertheless", "still"), ("notwithstanding", "despite"), ("therefore", "so"),
        ("consequently", "so"), ("commencement", "start"), ("modification", "change"), ("modify", "change"),
        ("initiate", "start"), ("indicate", "show"), ("indicates", "shows"), ("inform", "tell"),
        ("objective", "goal"), ("component", "part"), ("components", "parts"), ("adequate", "enough"),
        ("expedite", "speed up"), ("individuals", "people"), ("remuneration", "pay"), ("endeavors", "tries"),
        ("in excess of", "more than"), ("prior", "earlier"), ("aforementioned", ""), ("erroneous", "wrong"),
        ("comprehend", "understand"), ("implement", "carry out"), ("terminated", "ended"), ("however", "but"),
    ])

    /// Profanity used as an intensifier carries no fact; dropping it is safe before the model sees it.
    public static let profanity = LexicalRules([
        ("fucking", ""), ("fuckin", ""), ("freaking", ""), ("damn", ""), ("goddamn", ""), ("bloody", ""),
        ("the hell", ""), ("the fuck", ""), ("shitty", "bad"), ("crappy", "bad"), ("stupid", "bad"),
        ("idiotic", "unwise"), ("dumb", "unwise"), ("idiot", "person"), ("idiots", "people"), ("moron", "person"),
        ("morons", "people"), ("jerk", "person"), ("bullshit", "nonsense"), ("crap", "nonsense"), ("shit", "stuff"),
        ("sucks", "is bad"), ("suck", "are bad"), ("fuck", ""), ("fucked", "broken"), ("wtf", ""), ("stfu", ""),
        ("asshole", "person"), ("assholes", "people"), ("bastard", "person"), ("bastards", "people"),
        ("retarded", "unwise"), ("pathetic", "poor"), ("gives no fucks", "does not care"),
        ("give no fucks", "do not care"), ("fucks", ""), ("make an ass of yourself", "embarrass yourself"),
        ("kiss my ass", "leave me alone"), ("a bitch", "difficult"), ("bitching", "complaining"), ("damned", "doomed"),
        ("a total dick", "very rude"), ("a dick", "rude"), ("pissed off", "annoyed"), ("pissed", "annoyed"), ("scum", "people"), ("loser", "person"), ("losers", "people"),
    ])
}
