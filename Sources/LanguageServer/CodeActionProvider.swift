import Checks

/// What a code action provider is asked: a document and the selected range.
public struct CodeActionRequest: Sendable {
    public let document: DocumentSnapshot
    /// The requested range in UTF-16 offsets (empty for a cursor).
    public let selection: TextSpan
    /// The client's `context.only` filter, when given.
    public let only: [String]?

    /// True when `kind` passes the client's `only` filter (a kind matches its parents: "refactor"
    /// admits "refactor.rewrite").
    public func wants(kind: String) -> Bool {
        guard let only else { return true }
        return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }
}

/// An action a provider offers. With `edits` nil the action is lazy: the client gets it without an
/// edit, and `resolve` computes the edit when it is chosen (for model-backed rewrites).
public struct ProposedCodeAction: Sendable {
    public var title: String
    /// An LSP CodeActionKind, e.g. "refactor.rewrite".
    public var kind: String
    public var isPreferred: Bool
    public var edits: [TextReplacement]?
    /// Provider-defined data handed back to `resolve` (keep it small: it travels to the client and back).
    public var payload: JSONValue

    public init(title: String, kind: String, isPreferred: Bool = false, edits: [TextReplacement]? = nil,
                payload: JSONValue = .null) {
        self.title = title; self.kind = kind; self.isPreferred = isPreferred; self.edits = edits; self.payload = payload
    }
}

/// Contributes code actions for a selection (e.g. "Rewrite: formal") without touching the server core.
public protocol CodeActionProvider: Sendable {
    /// Unique name; routes `codeAction/resolve` back to this provider.
    var identifier: String { get }
    /// Kinds this provider may return, advertised in `codeActionProvider.codeActionKinds`.
    var kinds: [String] { get }
    func codeActions(for request: CodeActionRequest) async -> [ProposedCodeAction]
    /// Computes the edits of a lazy action. Long work should report through `progress` and
    /// stop when the task is cancelled.
    func resolve(payload: JSONValue, in document: DocumentSnapshot, progress: WorkDoneProgress) async throws
        -> [TextReplacement]
}

/// A lazy fix (`Fix.lazyKind` set) being resolved.
public struct LazyFixRequest: Sendable {
    public let fix: Fix
    public let rule: String
    /// The finding's span in UTF-16 offsets of `document`.
    public let span: TextSpan
    public let document: DocumentSnapshot
    public let progress: WorkDoneProgress
}

public typealias FixResolver = @Sendable (LazyFixRequest) async throws -> [TextReplacement]

/// A `workspace/executeCommand` invocation.
public struct CommandInvocation: Sendable {
    public let command: String
    public let arguments: [JSONValue]
    public let server: LanguageServer
    public let progress: WorkDoneProgress
}

public typealias CommandHandler = @Sendable (CommandInvocation) async throws -> JSONValue
