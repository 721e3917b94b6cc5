import Foundation
import Checks

/// What features registered from above this layer (commands, providers) may read of the server's state.
extension LanguageServer {
    /// The configuration in force: `.tenor.toml` merged with the client's settings.
    public var configuration: Configuration { settings.configuration }

    /// The open document at its current version, or nil when it is not open.
    public func document(uri: String) -> DocumentSnapshot? { documents.snapshot(uri: uri) }

    /// The UTF-16 offset of an LSP `Position` (in the negotiated encoding), clamped into the document.
    public func utf16Offset(of position: JSONValue, in document: DocumentSnapshot) -> Int? {
        document.utf16Offset(of: position, encoding: encoding)?.offset
    }

    /// The UTF-16 span of an LSP `Range` (in the negotiated encoding).
    public func span(of range: JSONValue, in document: DocumentSnapshot) -> TextSpan? {
        document.span(of: range, encoding: encoding)
    }
}
