#!/usr/bin/env python3
"""Evaluation bridge until the Swift decoder and encoder are merged: serves `tenor rewrite --bridge`
over stdin/stdout, one JSON object per line.

  {"op": "generate", "messages": [...], "source": "...", "count": 4, "max_tokens": 64, "seed": 42}
      -> {"candidates": [{"text": "...", "mean_logprob": -1.2}, ...]}   greedy first, then seeded samples
  {"op": "similarity", "source": "...", "candidates": ["...", ...]}
      -> {"similarities": [0.93, ...]}                                  all-MiniLM-L6-v2 cosine

Generation: SmolLM2-135M-Instruct (llama-cpp-python), ChatML, stop at newline or <|im_end|>, a logit bonus
RESTYLE_COPY_BIAS (default 1.5) for tokens of the source and for placeholder characters. The encoder is
a small numpy BERT (mean pooling, L2). pip install llama-cpp-python tokenizers safetensors numpy."""
import json, math, os, sys
import numpy as np

MODELS = os.path.expanduser(os.environ.get("TENOR_MODELS_DIR", "~/.local/share/tenor/models"))
COPY_BIAS = float(os.environ.get("RESTYLE_COPY_BIAS", "1.5"))
THREADS = int(os.environ.get("RESTYLE_THREADS", "2"))


class Decoder:
    def __init__(self):
        from llama_cpp import Llama
        path = os.environ.get("RESTYLE_GGUF", f"{MODELS}/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
        self.llm = Llama(model_path=path, n_ctx=2048, n_threads=THREADS, verbose=False)
        self.always = set(self.tokens("{") + self.tokens(" {") + self.tokens("}") + self.tokens("0123456789"))
        for digit in "0123456789":
            self.always.update(self.tokens(digit))

    def tokens(self, text):
        return self.llm.tokenize(text.encode(), add_bos=False, special=False)

    def generate(self, request):
        prompt = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in request["messages"])
        prompt += "<|im_start|>assistant\n"
        source = request["source"]
        boosted = set(self.always)
        boosted.update(self.tokens(source))
        for word in source.split():
            boosted.update(self.tokens(" " + word))
        boosted = np.array(sorted(boosted), dtype=np.int64)

        from llama_cpp import LogitsProcessorList
        out = []
        for k in range(request["count"]):
            # The processor sees the tokens chosen so far: the log-probability of the previous step's
            # choice under the unbiased model is read there (fluency), then the copy bonus is added.
            state = {"previous": None, "logprobs": []}

            def copy_bias(input_ids, scores):
                if state["previous"] is not None:
                    state["logprobs"].append(float(state["previous"][input_ids[-1]]))
                shifted = scores - scores.max()
                state["previous"] = shifted - np.log(np.exp(shifted).sum())
                scores[boosted] += COPY_BIAS
                return scores

            sampling = dict(temperature=0.0) if k == 0 else dict(temperature=0.7, top_p=0.9, seed=request["seed"] + k)
            result = self.llm.create_completion(
                prompt, max_tokens=request["max_tokens"], stop=["\n", "<|im_end|>"],
                logits_processor=LogitsProcessorList([copy_bias]), **sampling)
            text = result["choices"][0]["text"]
            logprobs = state["logprobs"]
            out.append({"text": text, "mean_logprob": sum(logprobs) / len(logprobs) if logprobs else None})
        return {"candidates": out}


class Encoder:
    def __init__(self):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
        directory = f"{MODELS}/all-minilm-l6-v2"
        self.w = load_file(f"{directory}/model.safetensors")
        self.tokenizer = Tokenizer.from_file(f"{directory}/tokenizer.json")
        self.tokenizer.no_padding()
        self.layers = sum(1 for k in self.w if k.endswith("attention.self.query.weight"))

    @staticmethod
    def layer_norm(x, g, b):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * g + b

    def embed(self, text):
        w = self.w
        ids = self.tokenizer.encode(text).ids[:256]
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self.layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, size = 12, x.shape[1] // 12
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            lin = lambda v, name: v @ w[p + name + ".weight"].T + w[p + name + ".bias"]
            q, k, v = (lin(x, f"attention.self.{n}").reshape(-1, heads, size).transpose(1, 0, 2) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(1, 0, 2).reshape(len(ids), -1)
            x = self.layer_norm(lin(context, "attention.output.dense") + x,
                                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h ** 3)))
            x = self.layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)

    def similarity(self, request):
        source = self.embed(request["source"])
        return {"similarities": [float(source @ self.embed(c)) for c in request["candidates"]]}


def main():
    decoder, encoder = None, None
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "generate":
            decoder = decoder or Decoder()
            reply = decoder.generate(request)
        else:
            encoder = encoder or Encoder()
            reply = encoder.similarity(request)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
