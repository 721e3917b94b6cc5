import Foundation
import ModelFormats
import TensorMath

/// A small ONNX interpreter: the graph's nodes in topological order, its initializers decoded
/// once, and `run` evaluating one node after another over a table of named tensors. It
/// implements exactly the operators of the style-transfer networks (`ONNXOperators.supported`);
/// any other operator is refused when the graph is loaded, naming it.
public final class ONNXGraph: @unchecked Sendable {
    // @unchecked: immutable after init but for `buffers` (locked inside); `run` keeps its state in locals.
    public let inputNames: [String]
    public let outputNames: [String]
    let nodes: [ONNXNode]
    let constants: [String: ONNXTensor]
    /// How many nodes read each value (a value is freed, or reused in place, after its last reader).
    let readers: [String: Int]
    /// Intermediate arrays kept from one run for the next (tiles, repeated runs), freed with the graph.
    let buffers = FloatBufferRecycler()

    public convenience init(path: String) throws {
        try self.init(file: ONNXFile(path: path))
    }

    public init(file: ONNXFile) throws {
        let graph = file.graph
        var constants: [String: ONNXTensor] = [:]
        for initializer in graph.initializer {
            constants[initializer.name] = try ONNXFile.tensor(initializer)
        }
        self.constants = constants
        inputNames = graph.input.map(\.name).filter { constants[$0] == nil }
        outputNames = graph.output.map(\.name)

        let all = graph.node.enumerated().map { ONNXNode($0.element, index: $0.offset) }
        let unsupported = Set(all.filter { !$0.domain.isEmpty && $0.domain != "ai.onnx" || ONNXOperators.table[$0.opType] == nil }
            .map { $0.domain.isEmpty ? $0.opType : "\($0.domain).\($0.opType)" })
        if !unsupported.isEmpty {
            throw ONNXError("\(file.path): unsupported ONNX operator(s): \(unsupported.sorted().joined(separator: ", "))")
        }
        let sorted = try Self.topologicallySorted(all, available: Set(constants.keys).union(inputNames), path: file.path)
        nodes = Self.fusing ? ONNXFusion.fuse(sorted, graphOutputs: Set(outputNames)) : sorted
        var readers: [String: Int] = [:]
        for node in nodes { for input in node.inputs where !input.isEmpty { readers[input, default: 0] += 1 } }
        self.readers = readers
        for output in outputNames where !nodes.contains(where: { $0.outputs.contains(output) }) && constants[output] == nil {
            throw ONNXError("\(file.path): graph output \(output) is produced by no node")
        }
    }

    /// Kahn's algorithm, keeping the file's order among ready nodes.
    static func topologicallySorted(_ nodes: [ONNXNode], available: Set<String>, path: String) throws -> [ONNXNode] {
        var producer: [String: Int] = [:]
        for (i, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                if producer[output] != nil || available.contains(output) {
                    throw ONNXError("\(path): value \(output) is produced twice")
                }
                producer[output] = i
            }
        }
        var waiting = [Int](repeating: 0, count: nodes.count)
        var dependents = [[Int]](repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for input in Set(node.inputs) where !input.isEmpty && !available.contains(input) {
                guard let p = producer[input] else {
                    throw ONNXError("\(path): \(node.label) reads \(input), which no node, initializer or input provides")
                }
                waiting[i] += 1
                dependents[p].append(i)
            }
        }
        var ready = (0..<nodes.count).filter { waiting[$0] == 0 }.reversed() as [Int]
        var order: [ONNXNode] = []
        order.reserveCapacity(nodes.count)
        while let i = ready.popLast() {
            order.append(nodes[i])
            for d in dependents[i].reversed() {
                waiting[d] -= 1
                if waiting[d] == 0 { ready.append(d) }
            }
        }
        guard order.count == nodes.count else { throw ONNXError("\(path): the graph has a cycle") }
        return order
    }

    /// How many nodes are fused chains (`ONNXFusion`).
    public var fusedNodeCount: Int { nodes.filter { $0.domain == ONNXFusion.domain }.count }

    /// TENOR_ONNX_PROFILE=1: time per operator type, summed over each run, on stderr (=nodes: per node).
    static let profiling = ProcessInfo.processInfo.environment["TENOR_ONNX_PROFILE"] != nil
    static let profilingNodes = ProcessInfo.processInfo.environment["TENOR_ONNX_PROFILE"] == "nodes"
    /// TENOR_ONNX_FUSE=0 turns the fusion of node chains off (to compare, or to rule it out).
    static let fusing = ProcessInfo.processInfo.environment["TENOR_ONNX_FUSE"] != "0"

    /// One node's outputs. A fused node whose operator declines its inputs runs its parts, one after another.
    static func evaluate(_ node: ONNXNode, _ arguments: inout [ONNXTensor?]) throws -> [ONNXTensor] {
        guard node.domain == ONNXFusion.domain else {
            guard let operation = ONNXOperators.table[node.opType] else { throw node.error("unsupported operator \(node.opType)") }
            return try operation(node, &arguments)
        }
        guard let fused = ONNXFusedOperators.table[node.opType] else { throw node.error("unknown fused operator") }
        if let results = try fused(node, &arguments) { return results }
        var values: [String: ONNXTensor] = [:]
        for (name, value) in zip(node.inputs, arguments) where !name.isEmpty { values[name] = value }
        var last: [ONNXTensor] = []
        for part in node.parts {
            var partArguments = part.inputs.map { $0.isEmpty ? nil : values[$0] }
            last = try evaluate(part, &partArguments)
            for (name, value) in zip(part.outputs, last) where !name.isEmpty { values[name] = value }
        }
        return last
    }

    /// Evaluates the graph. Every declared input must be given; returns the graph outputs.
    public func run(_ inputs: [String: ONNXTensor]) throws -> [String: ONNXTensor] {
        try ONNXOperators.$buffers.withValue(buffers) { try runNodes(inputs) }
    }

    func runNodes(_ inputs: [String: ONNXTensor]) throws -> [String: ONNXTensor] {
        for name in inputNames where inputs[name] == nil { throw ONNXError("missing graph input \(name)") }
        var values = inputs
        var remaining = readers
        let keep = Set(outputNames)
        var profile: [String: (count: Int, nanoseconds: UInt64)] = [:]
        for node in nodes {
            var arguments: [ONNXTensor?] = []
            arguments.reserveCapacity(node.inputs.count)
            var moved: [Int] = []
            for name in node.inputs {
                if name.isEmpty { arguments.append(nil); continue }
                remaining[name, default: 0] -= 1
                if let v = constants[name] {
                    arguments.append(v)
                } else if remaining[name] == 0 && !keep.contains(name) {
                    // Last reader: move the value out, so an operator can reuse its storage.
                    moved.append(arguments.count)
                    arguments.append(values.removeValue(forKey: name))
                } else {
                    arguments.append(values[name])
                }
            }
            for (i, name) in node.inputs.enumerated() where !name.isEmpty && arguments[i] == nil {
                throw node.error("input \(name) was not computed")
            }
            let start = Self.profiling ? DispatchTime.now().uptimeNanoseconds : 0
            let results = try Self.evaluate(node, &arguments)
            if Self.profiling {
                let key = Self.profilingNodes ? node.name : node.opType
                let entry = profile[key, default: (0, 0)]
                profile[key] = (entry.count + 1, entry.nanoseconds + DispatchTime.now().uptimeNanoseconds - start)
            }
            for (name, value) in zip(node.outputs, results) where !name.isEmpty { values[name] = value }
            // Values read for the last time that the operator did not take over: their arrays serve later outputs.
            for i in moved { if let left = arguments[i], left.elementType == .float { buffers.recycle(left.floats) } }
        }
        if Self.profiling {
            var report = "ONNX profile (ms by \(Self.profilingNodes ? "node" : "operator")):\n"
            for (op, entry) in profile.sorted(by: { $0.value.nanoseconds > $1.value.nanoseconds }) {
                report += "  \(op) ×\(entry.count): \(String(format: "%.1f", Double(entry.nanoseconds) / 1e6))\n"
            }
            FileHandle.standardError.write(Data(report.utf8))
        }
        var outputs: [String: ONNXTensor] = [:]
        for name in outputNames {
            guard let v = values[name] ?? constants[name] else { throw ONNXError("graph output \(name) was not computed") }
            outputs[name] = v
        }
        return outputs
    }
}
