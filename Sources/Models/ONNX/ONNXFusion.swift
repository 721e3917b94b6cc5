import ModelFormats

/// Chains of nodes rewritten, when the graph is loaded, into one fused node that does their work in
/// fewer passes over memory. The style networks spend most of their non-convolution time in two
/// chains, each node of which reads and writes a whole 32-channel feature map:
/// - `Pad(reflect) → Conv`: the padding is folded into the convolution's own input layout
///   (`Conv2DShape.padReflects`), so the padded copy is never written.
/// - instance normalisation spelled in primitive operators (PyTorch's export of a conditional
///   instance norm): `ReduceMean → Sub → Pow(2) → ReduceMean → Add(ε) → Sqrt → Div → Mul → Mul(γ) →
///   Add(β) [→ Relu]` becomes two passes per channel.
/// A chain is fused only when its intermediate values have no reader outside it and are not graph
/// outputs. The fused node keeps the original nodes (`ONNXNode.parts`) and runs them instead when
/// the values it meets at run time are not the ones it handles (a power other than 2, per-element γ...).
enum ONNXFusion {
    static let domain = "tenor.fused"

    static func fuse(_ nodes: [ONNXNode], graphOutputs: Set<String>) -> [ONNXNode] {
        var readers: [String: [Int]] = [:]
        for (i, node) in nodes.enumerated() { for input in node.inputs where !input.isEmpty { readers[input, default: []].append(i) } }
        var producer: [String: Int] = [:]
        for (i, node) in nodes.enumerated() { for output in node.outputs where !output.isEmpty { producer[output] = i } }

        /// The only reader of `value` (a node index), when it has exactly one and is no graph output.
        func soleReader(_ value: String) -> Int? {
            guard !graphOutputs.contains(value), let r = readers[value], r.count == 1 else { return nil }
            return r[0]
        }
        func isOp(_ i: Int, _ op: String) -> Bool { nodes[i].opType == op && (nodes[i].domain.isEmpty || nodes[i].domain == "ai.onnx") }
        /// The other input of a two-input node, given one of them.
        func other(_ i: Int, than value: String) -> String? {
            let inputs = nodes[i].inputs
            guard inputs.count == 2 else { return nil }
            if inputs[0] == value { return inputs[1] }
            if inputs[1] == value { return inputs[0] }
            return nil
        }

        var replaced: [Int: ONNXNode] = [:]  // the last node of a chain → the fused node
        var removed = Set<Int>()

        // Instance normalisation, anchored at its first ReduceMean.
        for (r1, node) in nodes.enumerated() where isOp(r1, "ReduceMean") && !removed.contains(r1) {
            guard node.inputs.count == 1, let x = node.inputs.first, let mean = node.outputs.first,
                  let sub = soleReader(mean), isOp(sub, "Sub"), nodes[sub].inputs == [x, mean],
                  let centred = nodes[sub].outputs.first, let centredReaders = readers[centred], centredReaders.count == 2,
                  !graphOutputs.contains(centred),
                  let pow = centredReaders.first(where: { isOp($0, "Pow") }), nodes[pow].inputs.first == centred,
                  let mul = centredReaders.first(where: { isOp($0, "Mul") }),
                  let exponent = nodes[pow].inputs.dropFirst().first,
                  let r2 = nodes[pow].outputs.first.flatMap(soleReader), isOp(r2, "ReduceMean"), nodes[r2].inputs.count == 1,
                  let add = nodes[r2].outputs.first.flatMap(soleReader), isOp(add, "Add"),
                  let epsilon = other(add, than: nodes[r2].outputs[0]),
                  let sqrt = nodes[add].outputs.first.flatMap(soleReader), isOp(sqrt, "Sqrt"),
                  let div = nodes[sqrt].outputs.first.flatMap(soleReader), isOp(div, "Div"),
                  nodes[div].inputs.count == 2, nodes[div].inputs[1] == nodes[sqrt].outputs.first,
                  let mulReads = nodes[div].outputs.first.flatMap(soleReader), mulReads == mul,
                  other(mul, than: centred) == nodes[div].outputs.first,
                  let scaleMul = nodes[mul].outputs.first.flatMap(soleReader), isOp(scaleMul, "Mul"),
                  let gamma = other(scaleMul, than: nodes[mul].outputs[0]),
                  let shiftAdd = nodes[scaleMul].outputs.first.flatMap(soleReader), isOp(shiftAdd, "Add"),
                  let beta = other(shiftAdd, than: nodes[scaleMul].outputs[0]),
                  node.attributes == nodes[r2].attributes
            else { continue }
            var chain = [r1, sub, pow, r2, add, sqrt, div, mul, scaleMul, shiftAdd]
            var relu = false
            if let last = nodes[shiftAdd].outputs.first.flatMap(soleReader), isOp(last, "Relu") {
                chain.append(last)
                relu = true
            }
            guard chain.allSatisfy({ !removed.contains($0) && replaced[$0] == nil }) else { continue }
            // Parts in the graph's order, so that a fallback run meets every value after its producer.
            let parts = chain.sorted().map { nodes[$0] }
            var attributes = node.attributes
            var flag = Onnx_AttributeProto()
            flag.i = relu ? 1 : 0
            attributes["relu"] = flag
            let fusedNode = ONNXNode(fused: "InstanceNormalization",
                                     inputs: [x, exponent, epsilon, nodes[div].inputs[0], gamma, beta],
                                     attributes: attributes, parts: parts)
            // It replaces the chain's last node (every input it reads exists by then).
            let anchor = chain.max() ?? shiftAdd
            replaced[anchor] = fusedNode
            for i in chain where i != anchor { removed.insert(i) }
        }

        // Pad(reflect) → Conv.
        for (c, node) in nodes.enumerated() where isOp(c, "Conv") && !removed.contains(c) && replaced[c] == nil {
            guard let padded = node.inputs.first, let p = producer[padded], isOp(p, "Pad"),
                  !removed.contains(p), replaced[p] == nil, soleReader(padded) == c,
                  nodes[p].string("mode", default: "constant") == "reflect",
                  nodes[p].inputs.count == 2  // no constant value, no axes
            else { continue }
            let fusedNode = ONNXNode(fused: "ReflectPadConv",
                                     inputs: [nodes[p].inputs[0], nodes[p].inputs[1]] + node.inputs.dropFirst(),
                                     attributes: node.attributes, parts: [nodes[p], node])
            replaced[c] = fusedNode
            removed.insert(p)
        }

        var result: [ONNXNode] = []
        result.reserveCapacity(nodes.count)
        for (i, node) in nodes.enumerated() where !removed.contains(i) { result.append(replaced[i] ?? node) }
        return result
    }
}
