import Foundation

/// The registries later features plug into: code action providers, lazy fix resolvers, commands.
/// Register before the server is initialized: commands and kinds are advertised in `initialize`.
final class ServerExtensions: @unchecked Sendable {
    private let lock = NSLock()
    private var providers: [any CodeActionProvider] = []
    private var fixResolvers: [String: FixResolver] = [:]
    private var commands: [String: CommandHandler] = [:]
    private var unorderedCommands: Set<String> = []
    private var lensProviders: [any CodeLensProvider] = []

    var codeActionKinds: [String] {
        lock.withLock {
            var kinds = ["quickfix"]
            for kind in providers.flatMap(\.kinds) where !kinds.contains(kind) { kinds.append(kind) }
            return kinds
        }
    }

    var commandNames: [String] { lock.withLock { commands.keys.sorted() } }

    var codeActionProviders: [any CodeActionProvider] { lock.withLock { providers } }

    func provider(identifier: String) -> (any CodeActionProvider)? {
        lock.withLock { providers.first { $0.identifier == identifier } }
    }

    func fixResolver(lazyKind: String) -> FixResolver? { lock.withLock { fixResolvers[lazyKind] } }

    func command(_ name: String) -> CommandHandler? { lock.withLock { commands[name] } }

    /// Commands that run beside the document's other requests instead of in its queue.
    func runsOffDocumentQueue(_ name: String) -> Bool { lock.withLock { unorderedCommands.contains(name) } }

    var codeLensProviders: [any CodeLensProvider] { lock.withLock { lensProviders } }

    func add(lensProvider: any CodeLensProvider) { lock.withLock { lensProviders.append(lensProvider) } }

    func add(provider: any CodeActionProvider) {
        lock.withLock {
            providers.removeAll { $0.identifier == provider.identifier }
            providers.append(provider)
        }
    }

    func add(fixResolver: @escaping FixResolver, lazyKind: String) { lock.withLock { fixResolvers[lazyKind] = fixResolver } }

    func add(command: @escaping CommandHandler, name: String, offDocumentQueue: Bool) {
        lock.withLock {
            commands[name] = command
            if offDocumentQueue { unorderedCommands.insert(name) } else { unorderedCommands.remove(name) }
        }
    }
}

extension LanguageServer {
    /// Adds a provider of selection actions (e.g. rewrites). Register before `start()`.
    public func registerCodeActionProvider(_ provider: any CodeActionProvider) {
        extensions.add(provider: provider)
    }

    /// Adds the resolver for fixes whose `lazyKind` is `lazyKind`.
    public func registerFixResolver(lazyKind: String, _ resolver: @escaping FixResolver) {
        extensions.add(fixResolver: resolver, lazyKind: lazyKind)
    }

    /// Adds a `workspace/executeCommand` command. Register before `start()` so it is advertised.
    /// A command about a document (`arguments[0].uri`) normally waits for that document's earlier
    /// requests and holds up later ones; `offDocumentQueue` lets a long one (rendering an illustration)
    /// run beside them. Such a command must apply its edits with `applyEdit`, which refuses a changed document.
    public func registerCommand(_ name: String, offDocumentQueue: Bool = false, _ handler: @escaping CommandHandler) {
        extensions.add(command: handler, name: name, offDocumentQueue: offDocumentQueue)
    }

    /// Adds a code lens provider. Register before `start()`: `codeLensProvider` is advertised in `initialize`.
    public func registerCodeLensProvider(_ provider: any CodeLensProvider) {
        extensions.add(lensProvider: provider)
    }
}
