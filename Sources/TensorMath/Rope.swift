import Foundation

/// Rotary position embeddings, applied in place.
public enum Rope {
    /// Which elements form a rotated pair.
    public enum Layout: Sendable {
        /// Pairs (2i, 2i+1): ggml's normal mode, used for Llama-family GGUFs (their Q/K rows are permuted
        /// at conversion so this matches HF's rotate_half).
        case interleaved
        /// Pairs (i, i + d/2): GPT-NeoX / HF rotate_half layout (ggml's NEOX mode: Qwen, Phi, Gemma...).
        case neox
    }

    /// Per-pair angular frequencies theta^(-2i / rotaryDim) / freqFactors[i], computed once per model so each
    /// call only evaluates sines and cosines.
    public struct Frequencies: Sendable {
        public let rotaryDim: Int
        public let values: [Double]

        public init(rotaryDim: Int, theta: Float, freqFactors: [Float]? = nil) {
            self.rotaryDim = rotaryDim
            let base = Double(theta)
            values = (0..<(rotaryDim / 2)).map { i in
                let f = pow(base, -2 * Double(i) / Double(rotaryDim))
                guard let freqFactors, i < freqFactors.count else { return f }
                return f / Double(freqFactors[i])
            }
        }
    }

    /// Rotates each of `heads` vectors of `headDim` floats (contiguous, `x[h * headDim + j]`) by the angles of
    /// `position`: pair i turns by position · theta^(-2i / rotaryDim) / freqFactors[i].
    /// - Parameters:
    ///   - theta: the frequency base (`rope.freq_base`, 10 000 for Llama 2, 100 000 for SmolLM2).
    ///   - rotaryDim: leading elements of each head that rotate (`rope.dimension_count`); default headDim.
    ///   - freqFactors: optional rotaryDim/2 divisors of each pair's frequency (Llama 3's `rope_freqs`).
    ///   - positionScale: multiplies the position (linear RoPE scaling uses 1 / factor).
    public static func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, position: Int,
                             theta: Float, layout: Layout, rotaryDim: Int? = nil,
                             freqFactors: UnsafePointer<Float>? = nil, positionScale: Float = 1) {
        let dims = min(rotaryDim ?? headDim, headDim)
        let half = dims / 2
        guard half > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: half) { buffer in
            guard let frequencies = buffer.baseAddress else { return }
            let base = Double(theta)
            for i in 0..<half {
                frequencies[i] = pow(base, -2 * Double(i) / Double(dims))
                if let freqFactors { frequencies[i] /= Double(freqFactors[i]) }
            }
            rotate(x, heads: heads, headDim: headDim, half: half, position: Double(position) * Double(positionScale),
                   layout: layout, frequencies: frequencies)
        }
    }

    /// As above with precomputed frequencies (the decode loop's form: no powers per call).
    public static func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, position: Int,
                             layout: Layout, frequencies: Frequencies, positionScale: Float = 1) {
        let half = min(frequencies.rotaryDim, headDim) / 2
        guard half > 0 else { return }
        frequencies.values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return }
            rotate(x, heads: heads, headDim: headDim, half: half, position: Double(position) * Double(positionScale),
                   layout: layout, frequencies: base)
        }
    }

    private static func rotate(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, half: Int, position: Double,
                               layout: Layout, frequencies: UnsafePointer<Double>) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * half) { table in
            guard let cosines = table.baseAddress else { return }
            let sines = cosines + half
            for i in 0..<half {
                let angle = position * frequencies[i]
                cosines[i] = Float(cos(angle))
                sines[i] = Float(sin(angle))
            }
            for h in 0..<heads {
                let v = x + h * headDim
                switch layout {
                case .interleaved:
                    for i in 0..<half {
                        let a = v[2 * i], b = v[2 * i + 1]
                        v[2 * i] = a * cosines[i] - b * sines[i]
                        v[2 * i + 1] = a * sines[i] + b * cosines[i]
                    }
                case .neox:
                    for i in 0..<half {
                        let a = v[i], b = v[i + half]
                        v[i] = a * cosines[i] - b * sines[i]
                        v[i + half] = a * sines[i] + b * cosines[i]
                    }
                }
            }
        }
    }
}
