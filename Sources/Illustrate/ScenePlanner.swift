import Foundation
import Models
import TensorMath

/// Which planner reads the description. The rules are the default: on the development set they are right
/// more often than the 1.5B decoder, and in milliseconds where the decoder takes seconds (docs/ILLUSTRATE.md).
public enum PlanParser: String, Sendable, CaseIterable {
    case rules, model
}

/// A plan and how it was made.
public struct PlannedScene: Sendable {
    public let plan: ScenePlan
    /// "model" or "rules".
    public let parser: String
    /// Why the rule planner was used when the model was asked for (no model, or its answer failed).
    public let fallbackReason: String?
}

/// Description → `ScenePlan`, by the word rules (`RuleScenePlanner`) or the decoder (`ModelScenePlanner`);
/// when the decoder is asked for but missing, fails to load or gives an invalid plan, the rules answer.
public struct ScenePlanner: Sendable {
    public let catalog: ModelCatalog
    public let threads: Int

    public init(catalog: ModelCatalog, threads: Int = ThreadPool.defaultThreadCount()) {
        self.catalog = catalog
        self.threads = max(1, threads)
    }

    /// The decoder's file, when installed.
    public var modelPath: String? {
        guard let url = catalog.url(role: "rewrite"), FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url.path
    }

    /// Whether `parser` would use the decoder (so its file belongs in a cache key).
    public func usesModel(_ parser: PlanParser) -> Bool { parser != .rules && modelPath != nil }

    public func plan(_ description: String, parser: PlanParser) -> PlannedScene {
        if parser == .rules { return PlannedScene(plan: RuleScenePlanner.plan(description), parser: "rules", fallbackReason: nil) }
        guard let path = modelPath else {
            return PlannedScene(plan: RuleScenePlanner.plan(description), parser: "rules",
                                fallbackReason: "the decoder is not installed (make setup)")
        }
        do {
            let planner = try ModelPlannerRegistry.shared.planner(path: path, threads: threads)
            return PlannedScene(plan: try planner.plan(description), parser: "model", fallbackReason: nil)
        } catch {
            return PlannedScene(plan: RuleScenePlanner.plan(description), parser: "rules", fallbackReason: "\(error)")
        }
    }

    /// The loaded decoder planner for the model file, if one is loaded or loads (for statistics).
    public func loadedModelPlanner() -> ModelScenePlanner? {
        modelPath.flatMap { try? ModelPlannerRegistry.shared.planner(path: $0, threads: threads) }
    }
}

/// One decoder planner per model file for the life of the process: loading the model and prefilling the
/// examples cost seconds, and the language server plans many pictures.
final class ModelPlannerRegistry: @unchecked Sendable {
    static let shared = ModelPlannerRegistry()
    private let lock = NSLock()
    private var planners: [String: ModelScenePlanner] = [:]

    func planner(path: String, threads: Int) throws -> ModelScenePlanner {
        try lock.withLock {
            if let loaded = planners[path] { return loaded }
            let planner = try ModelScenePlanner(path: path, threads: threads)
            planners[path] = planner
            return planner
        }
    }
}
