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

/// An LSP `Command`: what a client runs with `workspace/executeCommand` when an action or lens is chosen.
public struct CommandReference: Sendable, Equatable {
    public var title: String
    public var command: String
    public var arguments: [JSONValue]

    public init(title: String, command: String, arguments: [JSONValue] = []) {
        self.title = title; self.command = command; self.arguments = arguments
    }

    var json: JSONValue {
        ["title": .string(title), "command": .string(command), "arguments": .array(arguments)]
    }
}

/// An action a provider offers. With `edits` and `command` nil the action is lazy: the client gets it
/// without an edit, and `resolve` computes the edit when it is chosen (for model-backed rewrites).
/// With `command` set the action only runs that command (work that is more than a text edit, such as
/// rendering an illustration); nothing is resolved.
public struct ProposedCodeAction: Sendable {
    public var title: String
    /// An LSP CodeActionKind, e.g. "refactor.rewrite".
    public var kind: String
    public var isPreferred: Bool
    public var edits: [TextReplacement]?
    /// Provider-defined data handed back to `resolve` (keep it small: it travels to the client and back).
    public var payload: JSONValue
    public var command: CommandReference?

    public init(title: String, kind: String, isPreferred: Bool = false, edits: [TextReplacement]? = nil,
                payload: JSONValue = .null, command: CommandReference? = nil) {
        self.title = title; self.kind = kind; self.isPreferred = isPreferred; self.edits = edits; self.payload = payload
        self.command = command
    }
}

/// A code lens: a command shown above a span of the document (e.g. "Render illustration" on a directive).
public struct ProposedCodeLens: Sendable {
    /// UTF-16 offsets of the document the lens belongs to.
    public var span: TextSpan
    public var command: CommandReference

    public init(span: TextSpan, command: CommandReference) { self.span = span; self.command = command }
}

/// Contributes code lenses (`textDocument/codeLens`); the server advertises `codeLensProvider` only
/// when one is registered.
public protocol CodeLensProvider: Sendable {
    func codeLenses(in document: DocumentSnapshot) async -> [ProposedCodeLens]
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
