import Foundation

/// The words that make a request polite, set aside when meaning is measured for `polite`: the framing is the
/// style being added, not content. The sentence encoder reads a short sentence mostly through them: "Sort it
/// out." and "Could you please sort it out?" score 0.49, "Answer my email." and its request 0.60, so the faithful
/// rewrite of a short order was judged to have lost its meaning and the order was left as it was.
enum PoliteFraming {
    static func content(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        for regex in patterns {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result),
                                                    withTemplate: "")
        }
        result = result.trimmingCharacters(in: .whitespaces)
        // Nothing but framing ("Please."): compare the text as it is.
        return TextFeatures(result).words.isEmpty ? text : result
    }

    static let patterns: [NSRegularExpression] = [
        #"^(?:i think |i believe |i feel |as i mentioned,? |perhaps |sorry,? )"#,
        #"^(?:could|would|can|will) (?:you|someone|anyone) (?:please |kindly )?"#,
        #"^(?:please|kindly),? "#, #"^would you mind "#, #"^could you tell me "#,
        #"(?:,? please|,? if you have a moment|,? thank you|,? thanks)(?=[.?!]*$)"#,
        #"[.?!]+$"#,
    ].compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
}
