/// Whether a sentence says "not": the one change of meaning the sentence encoder barely sees ("Kindly refrain
/// from leaving crockery in the sink" and "Just leave crockery in the sink" score 0.93). A model candidate
/// whose polarity differs from its source's is rejected; the rules' own swaps are written to keep it.
enum Polarity {
    static func isNegative(_ text: String) -> Bool {
        // Contractions typed with a space before the apostrophe ("can 't", "ain 't", common in chat logs and in
        // tokenized corpora) are the same word.
        var lowered = text.lowercased().replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: " 't", with: "'t")
        // Negative words in set phrases that say nothing negative.
        for phrase in ["no later than", "without delay", "without saying", "not hesitate", "n't hesitate", "not only",
                       "not to mention", "whether or not", "no doubt", "no problem", "no worries",
                       "not gonna lie", "not going to lie", "no rush", "no pressure", "no offense", "no offence"] {
            lowered = lowered.replacingOccurrences(of: phrase, with: " ")
        }
        return TextFeatures(lowered).lowercasedWords.contains { word in
            negativeWords.contains(word) || word.hasSuffix("n't")
        }
    }

    /// True when one of the two is negative and the other is not. An ultimatum's "or" said as a condition is
    /// the same statement: "Sign by noon or we pull the offer" → "If we don't have it by noon, we'll pull the
    /// offer"; so when the source says "or"/"otherwise", negatives inside the candidate's "if" clauses do not count.
    static func differs(_ candidate: String, from source: String) -> Bool {
        let sourceNegative = isNegative(source)
        guard isNegative(candidate) != sourceNegative else { return false }
        let lowered = source.lowercased()
        let ultimatum = [" or ", " otherwise", " or else"].contains { lowered.contains($0) }
        return !(ultimatum && isNegative(withoutConditions(candidate)) == sourceNegative)
    }

    /// The text without its "if …" clauses (up to the next comma or sentence end).
    static func withoutConditions(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?i)\b(if|unless)\b[^,.;:?!]*"#, with: " ", options: .regularExpression)
    }

    static let negativeWords: Set<String> = [
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "without", "cannot",
        "unable", "refrain", "avoid", "prohibited", "forbidden", "banned", "nope", "nah",
        "dont", "doesnt", "didnt", "cant", "couldnt", "wont", "wouldnt", "isnt", "arent", "wasnt", "werent",
        "shouldnt", "havent", "hasnt", "aint",
        // Said with a prefix: "not sure" → "uncertain", "no idea" → "unknown", "can't" → "unable".
        "unclear", "uncertain", "unsure", "unaware", "unknown", "unsuccessful", "impossible",
        // Negative by meaning, which a plain rewrite says with "not": "is contraindicated" → "should not be
        // used", "students who fail to attain" → "students who don't reach".
        "contraindicated", "ineligible", "fail", "fails", "failed", "failure", "lack", "lacks", "lacking", "deny",
        "denied", "refuse", "refused", "exclude", "excluded", "except", "unless", "absent", "barring", "non",
        "reject", "rejected", "decline", "declined", "omit", "omitted", "invalid", "insufficient",
    ]
}
