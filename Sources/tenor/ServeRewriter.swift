import EngineServer
import Foundation
import OpenAIProtocol
import Restyle

/// Restyle behind `tenor serve`'s `POST /v1/tenor/rewrite`: the pipeline and checks of `tenor rewrite`, on
/// the served model file. The restyler (a second decoder context on the same memory-mapped file, the
/// encoder and the tone head) loads on the first rewrite, so a server nobody asks to rewrite costs nothing
/// more; its decoder serves one rewrite at a time.
actor ServeRewriter: ServedRewriter {
    private let modelPath: String
    private let threads: Int
    private let styles: [RestyleStyle]
    private var restyler: Restyler?

    init(modelPath: String, threads: Int, styles: [RestyleStyle]) {
        self.modelPath = modelPath; self.threads = threads; self.styles = styles
    }

    func rewrite(_ request: TenorRewriteRequest) async throws -> TenorRewriteResponse {
        guard request.text.contains(where: { !$0.isWhitespace }) else {
            throw APIError.invalidParameter("text", "'text' is empty.")
        }
        let style: RestyleStyle
        do { style = try StyleCatalog.choose(request.style, level: request.level, among: styles) } catch {
            switch error {
            case let .unknownStyle(name, known):
                throw APIError.invalidParameter("style", "Unknown style '\(name)'; known: \(known.joined(separator: ", ")).")
            case .levelOutOfRange: throw APIError.invalidParameter("level", "'level' must be between 0 and 1.")
            case .levelNotApplicable: throw APIError.invalidParameter("level", "'level' applies to formal and casual only.")
            }
        }
        let restyler = try loaded()
        let result = try await restyler.rewrite(request.text, style: style)
        return TenorRewriteResponse(text: result.text, style: style.name, notice: result.notice, parts: result.units.count,
                                    rewrittenParts: result.units.filter { $0.text != $0.source }.count)
    }

    private func loaded() throws -> Restyler {
        if let restyler { return restyler }
        let made = try RestyleModels.makeRestyler(modelsDirectory: nil, model: modelPath, threads: threads)
        restyler = made
        return made
    }
}
