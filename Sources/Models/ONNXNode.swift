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

    init(_ proto: Onnx_NodeProto, index: Int) {
        name = proto.name.isEmpty ? "#\(index)" : proto.name
        opType = proto.opType
        domain = proto.domain
        inputs = proto.input
        outputs = proto.output
        var attributes: [String: Onnx_AttributeProto] = [:]
        for a in proto.attribute { attributes[a.name] = a }
        self.attributes = attributes
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
