import ModelFormats

/// One graph node with its attributes indexed by name.
struct ONNXNode: Sendable {
    let name: String
    let opType: String
    let domain: String
    /// Input value names; "" marks an omitted optional input.
    let inputs: [String]
    let outputs: [String]
    let attributes: [String: Onnx_AttributeProto]
    /// For a fused node (domain `ONNXFusion.domain`), the file's nodes it stands for, in order: run one
    /// after another when the fused operator cannot take its inputs (an unexpected shape or value).
    let parts: [ONNXNode]

    init(_ proto: Onnx_NodeProto, index: Int) {
        name = proto.name.isEmpty ? "#\(index)" : proto.name
        opType = proto.opType
        domain = proto.domain
        inputs = proto.input
        outputs = proto.output
        var attributes: [String: Onnx_AttributeProto] = [:]
        for a in proto.attribute { attributes[a.name] = a }
        self.attributes = attributes
        parts = []
    }

    /// A fused node standing for `parts`: it reads `inputs`, writes the last part's outputs, and keeps
    /// `attributes` of one part (e.g. the convolution's).
    init(fused opType: String, inputs: [String], attributes: [String: Onnx_AttributeProto], parts: [ONNXNode]) {
        // "/contract.0/Pad+/contract.0/Conv", "/res.0.0/norm/ReduceMean…/res.0.0/Relu".
        name = parts.count <= 2 ? parts.map(\.name).joined(separator: "+") : "\(parts.first?.name ?? "")…\(parts.last?.name ?? "")"

        self.opType = opType
        domain = ONNXFusion.domain
        self.inputs = inputs
        outputs = parts.last?.outputs ?? []
        self.attributes = attributes
        self.parts = parts
    }

    /// "Conv node /contract.0/Conv" — for error messages.
    var label: String { "\(opType) node \(name)" }

    func int(_ key: String, default value: Int) throws -> Int {
        guard let a = attributes[key] else { return value }
        guard let v = Int(exactly: a.i) else { throw ONNXError("\(label): attribute \(key) out of range") }
        return v
    }

    func ints(_ key: String) -> [Int]? {
        guard let a = attributes[key] else { return nil }
        return a.ints.compactMap { Int(exactly: $0) }
    }

    func float(_ key: String, default value: Float) -> Float { attributes[key]?.f ?? value }

    func string(_ key: String, default value: String) -> String {
        guard let a = attributes[key] else { return value }
        return String(decoding: a.s, as: UTF8.self)
    }

    func error(_ problem: String) -> ONNXError { ONNXError("\(label): \(problem)") }
}
