import Foundation

/// The guard rails a model's rewrite must pass before it may replace the user's text. Each returns the
/// reasons it fails (empty: accepted); the cheap textual checks come first, then meaning and tone, which run
/// models.
public enum RewriteChecks {
    /// Checks that need no model: protected spans, negation, new facts, placeholders, replies, length.
    public static func textual(_ candidate: String, source rawSource: String, style: RestyleStyle) -> [String] {
        var reasons: [String] = []
        // "Oct 14" and "October 14" state the same date: spans and facts are compared with names spelled out.
        let trimmed = spelledOut(candidate.trimmingCharacters(in: .whitespacesAndNewlines))
        let source = spelledOut(rawSource)
        guard !trimmed.isEmpty else { return ["empty"] }
        if trimmed.range(of: #"\[(?i:your|recipient|name|date|company|team|manager|insert)[^\]]*\](?!\()"#,
                         options: .regularExpression) != nil {
            reasons.append("placeholder")
        }
        if let reply = replyMarker(trimmed, source: source) { reasons.append("reply (\(reply))") }
        if blockMarkers(trimmed) != blockMarkers(source) { reasons.append("structure changed") }
        let kept = protectedSpans(source), found = protectedSpans(trimmed)
        if kept != found {
            let lost = kept.subtracting(found), added = found.subtracting(kept)
            if !lost.isEmpty { reasons.append("lost \(lost.sorted().joined(separator: ", "))") }
            if !added.isEmpty { reasons.append("added \(added.sorted().joined(separator: ", "))") }
        }
        if Polarity.differs(trimmed, from: source) { reasons.append("negation changed") }
        if changesPointOfView(trimmed, source: source) { reasons.append("point of view changed") }
        // Numbers are protected spans, checked above; here: names the source does not have.
        let facts = FactCheck.newFacts(in: trimmed, source: source)
            .filter { $0.first?.isNumber == false && !allowedNewWords.contains($0.lowercased()) }
        if !facts.isEmpty { reasons.append("new facts \(facts.joined(separator: ", "))") }
        let sourceWords = Double(TextFeatures(source).words.count), words = Double(TextFeatures(trimmed).words.count)
        if sourceWords > 0 {
            let ratio = words / sourceWords
            if let most = style.maximumLengthRatio {
                if sourceWords >= 8 ? ratio > most : words >= sourceWords { reasons.append("not shorter") }
                if ratio < 0.2 { reasons.append("too short") }
            } else {
                if ratio < 0.35 { reasons.append("too short") }
                if ratio > (sourceWords < 10 ? 3.0 : 2.2) { reasons.append("too long") }
            }
        }
        return reasons
    }

    /// The Markdown block each line opens (list item, heading, quote, fence), in order, read the way
    /// `SelectionBlocks` reads a selection: a paragraph answered as a list ("- J. Morales is coming. - T. Grant
    /// is sorry …") is a different document, whatever it says.
    static func blockMarkers(_ text: String) -> [String] {
        text.components(separatedBy: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { return "fence" }
            let kind = SelectionBlocks.splitPrefix(line).2
            return kind == .paragraph ? nil : "\(kind)"
        }
    }

    /// The writer's own words (I, me, my, we, our …) become fewer while "you" words become more: "Your app
    /// charged me $14.99" rewritten as "Your app charged you $14.99" says the reader was charged. Dropping "I"
    /// alone is fine ("I updated React" → "Updated React"), and so is a demand turned into a request: the "you"
    /// of "could you", "would you", "can you" addresses the reader the imperative already addressed.
    static func changesPointOfView(_ candidate: String, source: String) -> Bool {
        func count(_ text: String, _ words: Set<String>) -> Int {
            let requests = text.replacingOccurrences(of: #"(?i)\b(could|would|can|will)\s+you\b"#, with: "$1",
                                                     options: .regularExpression)
            return TextFeatures(requests).lowercasedWords.filter(words.contains).count
        }
        let first: Set<String> = ["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "we've",
                                  "we'd", "we'll", "us", "our", "ours", "ourselves"]
        let second: Set<String> = ["you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself", "yourselves",
                                   "u", "ur", "ya", "y'all", "yall"]
        return count(candidate, first) < count(source, first) && count(candidate, second) > count(source, second)
    }

    /// The offensive phrases of the source that the candidate still contains (whole words, any case).
    public static func keptOffensive(_ phrases: [String], in candidate: String) -> [String] {
        let words = " " + TextFeatures(candidate).lowercasedWords.joined(separator: " ") + " "
        return phrases.compactMap { phrase in
            let needle = TextFeatures(phrase).lowercasedWords.joined(separator: " ")
            guard !needle.isEmpty, words.contains(" \(needle) ") else { return nil }
            return "kept \u{201C}\(phrase)\u{201D}"
        }
    }

    /// The facts of a text in one canonical spelling, so a rewrite may write them another way: month and weekday
    /// abbreviations in full ("Oct 14" → "October 14"), a day before its month moved after it ("3 March" →
    /// "March 3"), ordinal suffixes dropped, times of day on the 24-hour clock ("9am", "9 AM", "09:00" → "09:00";
    /// "5 p.m." → "17:00"), "version 2.3.1" and "v2.3.1" as "2.3.1", and the numbers two to twelve as digits
    /// ("three people" → "3 people"; "one" is left alone: "no one", "one of").
    static func spelledOut(_ text: String) -> String {
        var result = text
        for (short, long) in abbreviations {
            result = result.replacingOccurrences(of: #"\b"# + short + #"\b\.?"#, with: long, options: .regularExpression)
        }
        let months = "January|February|March|April|May|June|July|August|September|October|November|December"
        result = result.replacingOccurrences(of: #"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?("# + months + #")\b"#, with: "$2 $1",
                                             options: .regularExpression)
        result = result.replacingOccurrences(of: #"\b("# + months + #") (\d{1,2})(?:st|nd|rd|th)\b"#, with: "$1 $2",
                                             options: .regularExpression)
        // "September 1, 2025" and "1 September 2025" (now "September 1 2025") are one date.
        result = result.replacingOccurrences(of: #"\b("# + months + #") (\d{1,2}), (\d{4})\b"#, with: "$1 $2 $3",
                                             options: .regularExpression)
        result = twentyFourHourTimes(result)
        for (word, digit) in numberWords {
            result = result.replacingOccurrences(of: #"\b(?i:"# + word + #")\b"#, with: digit, options: .regularExpression)
        }
        // The legal "ten (10) days" states one number twice.
        result = result.replacingOccurrences(of: #"\b(\d+) \(\1\)"#, with: "$1", options: .regularExpression)
        // "version 2.3.1", "v2.3.1" and "2.3.1" name the same version.
        return result.replacingOccurrences(of: #"\b(?:[Vv]ersion |v)(\d+(\.\d+)+)"#, with: "$1", options: .regularExpression)
    }

    static let numberWords = [("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("six", "6"), ("seven", "7"),
                              ("eight", "8"), ("nine", "9"), ("ten", "10"), ("eleven", "11"), ("twelve", "12")]

    /// "9am", "9 AM", "9:30 p.m.", "09:00", "17:00" → "09:00", "09:00", "21:30", "09:00", "17:00".
    static func twentyFourHourTimes(_ text: String) -> String {
        let ns = text as NSString
        var output = ""
        var cursor = 0
        for match in timePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard var hour = Int(ns.substring(with: match.range(at: 1))) else { continue }
            let minute = match.range(at: 2).location == NSNotFound ? "00" : ns.substring(with: match.range(at: 2))
            let meridiem = match.range(at: 3).location == NSNotFound ? nil : ns.substring(with: match.range(at: 3)).lowercased()
            // A bare number is a time only with a colon or am/pm.
            if meridiem == nil, match.range(at: 2).location == NSNotFound { continue }
            if meridiem == "p", hour < 12 { hour += 12 }
            if meridiem == "a", hour == 12 { hour = 0 }
            guard hour < 24 else { continue }
            output += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            output += String(format: "%02d:%@", hour, minute)
            cursor = match.range.location + match.range.length
        }
        return output + ns.substring(from: cursor)
    }

    static let timePattern = try! NSRegularExpression(  // constant pattern
        pattern: #"\b(\d{1,2})(?::(\d{2}))?(?:\s?([AaPp])\.?\s?[Mm]\b\.?)?"#)

    static let abbreviations: [(String, String)] = [
        ("Jan", "January"), ("Feb", "February"), ("Mar", "March"), ("Apr", "April"), ("Jun", "June"), ("Jul", "July"),
        ("Aug", "August"), ("Sept", "September"), ("Sep", "September"), ("Oct", "October"), ("Nov", "November"),
        ("Dec", "December"), ("Mon", "Monday"), ("Tue", "Tuesday"), ("Tues", "Tuesday"), ("Wed", "Wednesday"),
        ("Thu", "Thursday"), ("Thurs", "Thursday"), ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday"),
    ]

    /// Words a rewrite may add although they are capitalised mid-sentence: they name no new fact.
    static let allowedNewWords: Set<String> = ["i", "i'm", "i'd", "i'll", "i've", "ok", "okay", "please", "thanks", "am", "pm",
                                               "a.m", "p.m"]

    /// Protected spans as a multiset (text → count): each must come back exactly, and none may be added.
    static func protectedSpans(_ text: String) -> Multiset {
        Multiset(ProtectedSpans.spans(in: text).map { span in
            // Emphasis marks may be written with * or _; the span's words are what must be kept.
            span.hasPrefix("**") || span.hasPrefix("__") ? "**" + span.dropFirst(2).dropLast(2) + "**" : span
        })
    }

    /// The model answered, thanked, apologised or refused instead of rewriting, or changed the speaker
    /// ("Sure, I can move the meeting" for "Move the meeting").
    static func replyMarker(_ candidate: String, source: String) -> String? {
        let lower = candidate.lowercased().replacingOccurrences(of: "’", with: "'")
        let sourceLower = source.lowercased().replacingOccurrences(of: "’", with: "'")
        let openings = ["sure", "certainly", "of course", "absolutely", "i'm sorry", "i am sorry", "sorry,", "i apologize",
                        "i apologise", "as an ai", "i can't", "i cannot", "i'm unable", "i am unable", "thank you for your",
                        "thanks for your", "i understand", "got it", "noted", "understood", "great question", "here is",
                        "here's"]
        // An apology or thanks the writer already made may open the rewrite ("so sorry for the delay" → "I apologize
        // for the delay", "thx for ur help" → "Thank you for your help").
        let apologises = ["sorry", "apolog"].contains { sourceLower.contains($0) }
        let thanks = ["thank", "thx", "thanx"].contains { sourceLower.contains($0) }
        if let opening = openings.first(where: { opening in
            guard lower.hasPrefix(opening), !sourceLower.hasPrefix(opening) else { return false }
            if apologises, ["i'm sorry", "i am sorry", "sorry,", "i apologize", "i apologise"].contains(opening) { return false }
            if thanks, opening.hasPrefix("thank") { return false }
            return true
        }) { return opening }
        let phrases = ["sorry to hear", "as an ai", "can't assist", "cannot assist", "can't help with", "cannot help with",
                       "provide more details", "provide more information", "how can i help", "how can i assist",
                       "happy to help", "glad to help", "i'd be happy to", "i would be happy to", "rewritten text",
                       "rewritten version", "language model"]
        return phrases.first { lower.contains($0) && !sourceLower.contains($0) }
    }
}

/// Counts of strings: protected spans may repeat ("5 minutes … 5 retries").
struct Multiset: Equatable {
    private(set) var counts: [String: Int] = [:]
    init(_ items: [String]) { for item in items { counts[item, default: 0] += 1 } }
    func subtracting(_ other: Multiset) -> Set<String> {
        Set(counts.filter { $0.value > other.counts[$0.key, default: 0] }.keys)
    }
}
