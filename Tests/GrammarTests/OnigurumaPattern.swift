import COniguruma

/// One regular expression compiled by Oniguruma the way TextMate engines compile grammar patterns:
/// Ruby syntax (ONIG_SYNTAX_DEFAULT), UTF-8, ONIG_OPTION_CAPTURE_GROUP.
final class OnigurumaPattern {
    struct CompileError: Error, CustomStringConvertible {
        let pattern: String
        let message: String
        var description: String { "\(message) in /\(pattern)/" }
    }

    /// A match: byte ranges into the searched UTF-8, index 0 the whole match; nil for groups that did not take part.
    struct Match {
        let groups: [Range<Int>?]
        var range: Range<Int> { groups[0] ?? 0..<0 }
    }

    let source: String
    private let regex: OnigRegex

    init(_ source: String) throws {
        OnigurumaPattern.initializeLibrary
        self.source = source
        var compiled: OnigRegex?
        var errorInfo = OnigErrorInfo()
        // A terminating zero keeps the buffer non-empty for the empty pattern; it is not part of the pattern.
        let bytes = Array(source.utf8) + [0]
        let status = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            guard let start = buffer.baseAddress else { return ONIGERR_MEMORY }
            return onig_new(&compiled, start, start + buffer.count - 1, tenor_onig_option_capture_group(),
                            tenor_onig_encoding_utf8(), tenor_onig_syntax_default(), &errorInfo)
        }
        guard status == ONIG_NORMAL, let compiled else {
            var message = [OnigUChar](repeating: 0, count: Int(ONIG_MAX_ERROR_MESSAGE_LEN) + 1)
            let length = tenor_onig_error_message(&message, status, &errorInfo)
            throw CompileError(pattern: source,
                               message: String(decoding: message.prefix(max(0, Int(length))), as: UTF8.self))
        }
        regex = compiled
    }

    deinit { onig_free(regex) }

    /// The first match starting at or after byte `start` of `text`, or nil.
    func firstMatch(in text: [UInt8], from start: Int) -> Match? {
        guard let region = onig_region_new() else { return nil }
        defer { onig_region_free(region, 1) }
        let found = text.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return ONIG_MISMATCH }
            let end = base + buffer.count
            return onig_search(regex, base, end, base + start, end, region, ONIG_OPTION_NONE)
        }
        guard found >= 0 else { return nil }
        var groups: [Range<Int>?] = []
        for index in 0..<Int(region.pointee.num_regs) {
            let lower = Int(region.pointee.beg[index]), upper = Int(region.pointee.end[index])
            groups.append(lower >= 0 && upper >= lower ? lower..<upper : nil)
        }
        return Match(groups: groups)
    }

    private static let initializeLibrary: Void = {
        var encodings: [OnigEncoding?] = [tenor_onig_encoding_utf8()]
        _ = onig_initialize(&encodings, 1)
    }()
}
