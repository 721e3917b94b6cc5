import Foundation
import Tokenizers

/// The WordPiece tokenizer built from a fuzzed `tokenizer.json`, then run on fuzzed text.
/// Input: u16 little-endian text length n, n bytes of text, then the tokenizer.json bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWordPiece(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: start, count: count)
    guard input.count >= 2 else { return 0 }
    let textLength = min(Int(input[0]) | Int(input[1]) << 8, input.count - 2)
    let text = String(decoding: input[2..<(2 + textLength)], as: UTF8.self)
    guard let tokenizer = try? WordPieceTokenizer(json: Data(input[(2 + textLength)...])) else { return 0 }
    let ids = tokenizer.encode(text)
    _ = tokenizer.tokens(ids)
    _ = tokenizer.tokens(tokenizer.tokenize(text))
    _ = tokenizer.tokens([-1, Int32.max, 0])
    return 0
}
