import Foundation
import Checks

/// `textDocument/codeLens`: the lenses of every registered provider (commands such as "Render
/// illustration" above the spans they act on). Lenses carry their command, so nothing is resolved.
extension LanguageServer {
    func codeLenses(_ context: RequestContext) async throws -> JSONValue {
        guard let document = context.document else { return [] }
        let encoding = self.encoding
        var lenses: [JSONValue] = []
        for provider in extensions.codeLensProviders {
            try Task.checkCancellation()
            for lens in await provider.codeLenses(in: document) {
                lenses.append(["range": document.range(of: lens.span, encoding: encoding), "command": lens.command.json])
            }
        }
        return .array(lenses)
    }
}
