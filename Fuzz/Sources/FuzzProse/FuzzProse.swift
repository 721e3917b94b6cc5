import Prose

/// The prose model on arbitrary text (invalid UTF-8 repaired as the server does): Markdown and
/// plain-text segmentation, sentences, directives, and the offset bookkeeping every range relies on.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProse(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let utf16Count = text.utf16.count
    for format in [DocumentFormat.markdown, .plainText] {
        let document = ProseDocument(text: text, format: format)
        for sentence in document.sentences {
            let range = sentence.range
            precondition(range.lowerBound >= 0 && range.lowerBound <= range.upperBound && range.upperBound <= utf16Count,
                         "sentence range \(range) outside a \(utf16Count)-unit document")
            _ = document.isDisabled(rule: "repeated-word", at: range.lowerBound)
        }
    }
    return 0
}
