import Foundation
import Checks

/// An open document at one version. Immutable, so handlers and checks can hold on to it.
public struct DocumentSnapshot: Sendable {
    public let uri: String
    public let languageId: String
    public let version: Int
    public let text: String
    let positions: PositionMap

    init(uri: String, languageId: String, version: Int, text: String) {
        self.uri = uri; self.languageId = languageId; self.version = version; self.text = text
        positions = PositionMap(text)
    }

    /// This document cut at the last paragraph break (else line break, else character) that keeps it within
    /// `maximumUTF8Bytes`; the document itself when it fits. Offsets into the prefix are offsets into the document.
    func prefix(maximumUTF8Bytes limit: Int) -> DocumentSnapshot {
        let utf8 = text.utf8
        guard utf8.count > limit else { return self }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, limit))
        // Never split a character: back up to a scalar boundary.
        while end > utf8.startIndex, end.samePosition(in: text.unicodeScalars) == nil { end = utf8.index(before: end) }
        let head = text[..<end]
        if let paragraph = head.range(of: "\n\n", options: .backwards) {
            end = paragraph.upperBound
        } else if let line = head.lastIndex(where: { $0.isNewline }) {
            end = text.index(after: line)
        }
        return DocumentSnapshot(uri: uri, languageId: languageId, version: version, text: String(text[..<end]))
    }

    /// The LSP range of a UTF-16 span.
    func range(of span: TextSpan, encoding: PositionEncodingKind) -> JSONValue {
        ["start": position(ofUTF16Offset: span.start, encoding: encoding),
         "end": position(ofUTF16Offset: span.end, encoding: encoding)]
    }

    func position(ofUTF16Offset offset: Int, encoding: PositionEncodingKind) -> JSONValue {
        let (line, character) = positions.position(ofUTF16Offset: offset, encoding: encoding)
        return ["line": .int(line), "character": .int(character)]
    }

    /// UTF-16 offset of an LSP position (clamped into the document); `clamped` says whether it had to be.
    func utf16Offset(of position: JSONValue, encoding: PositionEncodingKind) -> (offset: Int, clamped: Bool)? {
        guard let line = position["line"]?.intValue, let character = position["character"]?.intValue else { return nil }
        let offset = positions.utf16Offset(line: line, character: character, encoding: encoding)
        let back = positions.position(ofUTF16Offset: offset, encoding: encoding)
        return (offset, back.line != line || back.character != character)
    }

    /// The UTF-16 span of an LSP range, ordered start ≤ end.
    func span(of range: JSONValue, encoding: PositionEncodingKind) -> TextSpan? {
        guard let start = range["start"].flatMap({ utf16Offset(of: $0, encoding: encoding) }),
              let end = range["end"].flatMap({ utf16Offset(of: $0, encoding: encoding) }) else { return nil }
        return TextSpan(start: min(start.offset, end.offset), end: max(start.offset, end.offset))
    }
}

/// The open documents. Changes are applied on the reader thread in arrival order.
final class DocumentStore: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [String: DocumentSnapshot] = [:]
    private let log: ServerLog

    init(log: ServerLog) { self.log = log }

    func snapshot(uri: String) -> DocumentSnapshot? { lock.withLock { documents[uri] } }

    var openURIs: [String] { lock.withLock { Array(documents.keys) } }

    /// Runs `body` while no change can be applied (used to publish results only for the current version).
    func whileUnchanged<T>(_ body: ([String: DocumentSnapshot]) -> T) -> T {
        lock.withLock { body(documents) }
    }

    func open(uri: String, languageId: String, version: Int, text: String) -> DocumentSnapshot {
        let snapshot = DocumentSnapshot(uri: uri, languageId: languageId, version: version, text: text)
        lock.withLock {
            if documents[uri] != nil { log.warning("didOpen for already open \(uri); replacing it") }
            documents[uri] = snapshot
        }
        return snapshot
    }

    func close(uri: String) -> Bool {
        lock.withLock { documents.removeValue(forKey: uri) != nil }
    }

    /// Applies `didChange` content changes in order. Returns nil (and logs) for an unopened document.
    /// Positions past the end of a line or of the document are clamped, never trusted.
    func change(uri: String, version: Int?, changes: [JSONValue], encoding: PositionEncodingKind) -> DocumentSnapshot? {
        lock.withLock {
            guard let current = documents[uri] else {
                log.warning("didChange for \(uri), which is not open; ignored")
                return nil
            }
            let newVersion = version ?? current.version + 1
            if newVersion <= current.version {
                log.warning("didChange for \(uri) goes from version \(current.version) to \(newVersion)")
            }
            var snapshot = current
            for change in changes {
                guard let newText = change["text"]?.stringValue else {
                    log.warning("content change without text in \(uri); skipped")
                    continue
                }
                let text: String
                if let range = change["range"], range.objectValue != nil {
                    guard let start = range["start"].flatMap({ snapshot.utf16Offset(of: $0, encoding: encoding) }),
                          let end = range["end"].flatMap({ snapshot.utf16Offset(of: $0, encoding: encoding) }) else {
                        log.warning("content change with a malformed range in \(uri); skipped")
                        continue
                    }
                    if start.clamped || end.clamped {
                        log.warning("edit range \(range.serializedString) outside \(uri) (version \(snapshot.version)); clamped")
                    }
                    if start.offset > end.offset { log.warning("edit range end before start in \(uri); swapped") }
                    text = Self.replacing(in: snapshot.text, utf16From: min(start.offset, end.offset),
                                          to: max(start.offset, end.offset), with: newText)
                } else {
                    text = newText
                }
                snapshot = DocumentSnapshot(uri: uri, languageId: current.languageId, version: newVersion, text: text)
            }
            if snapshot.version != newVersion {
                // No usable change (or none at all): the version still moves on.
                snapshot = DocumentSnapshot(uri: uri, languageId: current.languageId, version: newVersion, text: snapshot.text)
            }
            documents[uri] = snapshot
            return snapshot
        }
    }

    /// Replaces UTF-16 offsets `start..<end`. An offset inside a surrogate pair is moved to the start of
    /// its character so an edit never leaves half a character behind.
    static func replacing(in text: String, utf16From start: Int, to end: Int, with newText: String) -> String {
        let lower = scalarAlignedIndex(in: text, utf16Offset: start)
        let upper = max(lower, scalarAlignedIndex(in: text, utf16Offset: end))
        var result = String(text[..<lower])
        result.reserveCapacity(text.utf8.count + newText.utf8.count)
        result += newText
        result += text[upper...]
        return result
    }

    static func scalarAlignedIndex(in text: String, utf16Offset: Int) -> String.Index {
        let utf16 = text.utf16
        let clamped = min(max(0, utf16Offset), utf16.count)
        var index = utf16.index(utf16.startIndex, offsetBy: clamped)
        while index > utf16.startIndex, index.samePosition(in: text.unicodeScalars) == nil {
            index = utf16.index(before: index)
        }
        return index
    }
}
