/// Formal vocabulary with its casual counterpart, beyond `casualWords` and `everydayWords`: Latinate verbs
/// in every form (through `VerbForms`) made phrasal or everyday, intensifiers and connectives as people
/// say them. Ours; the mirror of `FormalVocabulary`. `Restyler` tries subsets of the swaps, so a swap
/// that costs a sentence too much meaning is left out there rather than sinking it.
extension LexicalRules {
    public static let casualVerbs = LexicalRules(VerbForms.conjugated([
        ("review the", "go over the"), ("review it", "go over it"), ("submit", "send in"), ("provide", "give"), ("receive", "get"), ("obtain", "get"),
        ("acquire", "get"), ("request the", "ask for the"), ("request that", "ask that"), ("inform", "tell"), ("notify", "tell"), ("assist", "help"),
        ("determine", "figure out"), ("examine", "look at"), ("investigate", "look into"), ("indicate", "show"),
        ("demonstrate", "show"), ("postpone", "push back"), ("discontinue", "drop"), ("commence", "start"),
        ("terminate", "end"), ("purchase the", "buy the"), ("require", "need"),
        ("contact the", "reach out to the"), ("contact us", "reach out to us"), ("contact your", "reach out to your"), ("verify", "check"), ("ensure", "make sure"), ("utilize", "use"),
        ("utilise", "use"), ("facilitate", "help"), ("encounter", "run into"), ("resolve", "fix"),
        ("undergo", "go through"), ("relocate", "move"), ("anticipate", "expect"), ("disclose", "share"),
        ("distribute", "send out"), ("establish", "set up"), ("modify", "change"), ("proceed", "go ahead"),
        ("participate in", "join"), ("participate", "join in"), ("retain", "keep"), ("seek", "look for"), ("select", "pick"),
        ("transmit", "send"), ("consult", "check with"), ("allocate", "set aside"), ("collaborate", "work together"),
        ("inquire", "ask"), ("enquire", "ask"), ("wish to", "want to"), ("collect", "grab"), ("attempt to", "try to"), ("depart", "leave"),
        ("reside", "live"), ("comprehend", "get"), ("endeavour", "try"), ("endeavor", "try"),
        ("cease", "stop"), ("prohibit", "ban"), ("assemble", "put together"), ("expedite", "speed up"),
        ("reschedule", "move"),
    ]))

    public static let casualPhrases = LexicalRules([
        ("we are pleased to announce that", "good news,"), ("we are delighted to announce that", "good news,"),
        ("I am pleased to announce that", "good news,"), ("examination", "exam"), ("laboratory", "lab"),
        ("photograph", "photo"), ("telephone", "phone"), ("advertisement", "ad"), ("mobile devices", "phones"),
        ("mobile phones", "phones"), ("refrigerator", "fridge"), ("I am writing to express my interest in", "I'm really interested in"),
        ("I am writing to inquire about", "I wanted to ask about"), ("reserves the right to", "can"),
        ("reserve the right to", "can"), ("irrespective of", "no matter"), ("regardless of", "no matter"), ("herein", ""),
        ("we trust that", "we hope"), ("meets with your approval", "works for you"),
        ("look forward to your reply", "hope to hear back soon"), ("look forward to hearing from you", "hope to hear from you soon"),
        ("we regret that", "we're sorry that"), ("keep you informed", "keep you posted"), ("I regret that", "I'm sorry that"), ("we regret to", "we're sorry to"),
       
        ("is not permitted", "isn't allowed"),
        ("are not permitted", "aren't allowed"),
        ("for more details", "for more info"), ("consult the", "check the"),
       
        ("delighted", "happy"), ("pleased", "happy"), ("at this time", "right now"), ("at present", "right now"),
        ("presently", "right now"), ("in this matter", "with this"), ("shortly", "soon"), ("promptly", "quickly"),
        ("additionally", "plus"), ("in addition", "plus"), ("thus", "so"), ("hence", "so"), ("accordingly", "so"),
        ("nonetheless", "still"), ("as well as", "and"), ("colleagues", "coworkers"), ("all employees", "everyone"),
        ("all staff", "everyone"), ("plenty of", "lots of"), ("a great many", "lots of"), ("somewhat", "a bit"),
        ("a little", "a bit"), ("a number of", "a bunch of"),
        ("of course", "sure"), ("all right", "okay"), ("excellent", "awesome"),
        ("impressive", "pretty cool"), ("highly", "really"), ("truly", "really"), ("genuinely", "really"),
        ("deeply", "really"), ("sincerely", "really"), ("in any case", "anyway"), ("at any rate", "anyway"),
        ("essentially", "basically"), ("frankly", "honestly"), ("similar to", "like"),
        ("good morning", "morning"), ("are encouraged to", "are welcome to"), ("is encouraged to", "is welcome to"),
        ("suggestions", "ideas"), ("documentation", "docs"), ("information", "info"), ("could you", "can you"),
        ("materials", "stuff"), ("please accept our sincere apologies for", "sorry for"),
        ("please accept our apologies for", "sorry for"),
        ("has resolved to", "'s decided to"), ("have resolved to", "'ve decided to"), ("resolved to", "decided to"),
        ("without prior notice", "without warning"), ("no later than", "by"), ("incorporates", "includes"), ("incorporate", "include"),
        ("pertaining to", "about"), ("enhancements", "improvements"), ("enhancement", "improvement"), ("fostering an", "building an"),
        ("foster an", "build an"), ("fostering a", "building a"), ("foster a", "build a"), ("equitable", "fair"), ("workplace environment", "workplace"), ("is contingent upon", "depends on"),
        ("are contingent upon", "depend on"), ("is contingent on", "depends on"), ("necessary", "needed"),
        ("deliberation", "discussion"), ("be rendered", "be made"), ("reservation", "booking"), ("reservations", "bookings"), ("belongings", "stuff"), ("adequate", "fine"),
        ("would have", "would've"),
        ("could have", "could've"), ("should have", "should've"), ("it will", "it'll"), ("that will", "that'll"),
        ("there will", "there'll"), ("they will", "they'll"), ("he will", "he'll"), ("she will", "she'll"),
        ("he would", "he'd"), ("she would", "she'd"), ("he is", "he's"), ("she is", "she's"), ("what is", "what's"),
        ("where is", "where's"), ("how is", "how's"), ("who is", "who's"), ("here is", "here's"),
        ("need not", "needn't"), ("must not", "mustn't"), ("were not", "weren't"), ("had not", "hadn't"),
    ])

    /// Casual patterns that need the words around them.
    static let casualPatterns = LexicalRules(patterns: [
        (#"(?<!\bnot )\bquite (?!(?:a|an|the)\b)"#, "pretty "), (#"\brather (?!than\b)"#, "pretty "),
        (#"(?<!\b(?:the|an|my|our|your|his|her|their|its|one) )\bonly (?=\w)"#, "just "),
        (#"\b(we|you|they) have (?=(?:been|got|already|just|never|[a-z]+ed)\b)"#, "$1've "),
        // "Your cooperation in this matter is greatly appreciated." → "Thanks for your cooperation."
        (#"^your ([a-z]+)(?: in this matter| with this)? (?:is|are|would be|will be) (?:greatly |much |really |very much |truly )?appreciated"#,
         "Thanks for your $1"),
        // A request opens with "Just" rather than "Please", as in the style's own example.
        (#"(?-i)^Please (?=[a-z])"#, "Just "), (#"(?-i)^Dear "#, "Hi "),
        (#"\bexpress (?:its|our|my|their) (?:sincere |deep |heartfelt |warm )?(?:gratitude|appreciation|thanks)\b"#, "say thanks"),
        (#"^those (?:wishing|wanting) to (.+?) are (?:kindly )?(?:invited|asked|requested|encouraged) to "#, "if you want to $1, just "),
        (#"\b(?:are|is) (?:kindly )?(?:requested|asked|required) to refrain from "#, "shouldn't be "),
        (#"\b(?:(?:I|we) would|I['’]d|we['’]d|it would|it['’]d) be (?:most |very |extremely |truly |greatly )?(?:grateful|obliged|appreciated) if you (?:could|would)\b"#,
         "could you"),
        (#"^(?:all )?(?:[a-z]+ )?(?:are|is) (?:kindly )?reminded that "#, "just a reminder, "),
        (#"\b(?:we|I)(?: would|['’]d) appreciate it if you (?:could|would)\b"#, "could you"),
        // The inverted conditional of letters: "Should you need help, …" → "If you need help, …".
        (#"^should you (?=[a-z]+\b)"#, "if you "),
    ])
}
