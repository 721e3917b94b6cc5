"""all-MiniLM-L6-v2's last-layer token states, computed in PyTorch from the same safetensors and
tokenizer.json that Tenor's Swift encoder reads (Sources/Models/BERT/BERTModel.swift). Used only to train
the token-level tone head; Tenor itself never runs Python.

States are cached under $TONE_CACHE/states-<hash>.npz per list of texts (float16), with each token's
character offsets in the text, so the training script can label tokens from character spans.
"""
import hashlib
import json
import os

import numpy as np
import torch
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL_DIR = os.path.expanduser(os.environ.get("TENOR_MODELS_DIR", "~/.local/share/tenor/models")) + "/all-minilm-l6-v2"
CACHE = os.environ.get("TONE_CACHE", "/tmp/tone-cache")
MAX_TOKENS = 256  # sentence_bert_config.json max_seq_length, as SentenceEncoder truncates


class MiniLM:
    def __init__(self, directory=MODEL_DIR):
        w = {k: torch.from_numpy(v.astype(np.float32)) for k, v in load_file(os.path.join(directory, "model.safetensors")).items()
             if not k.endswith("position_ids")}
        self.w = w
        self.layers = 6
        self.heads = 12
        self.tokenizer = Tokenizer.from_file(os.path.join(directory, "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _ln(self, x, name):
        return torch.nn.functional.layer_norm(x, (x.shape[-1],), self.w[name + ".weight"], self.w[name + ".bias"], 1e-12)

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    @torch.no_grad()
    def forward(self, ids, mask):
        w = self.w
        b, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None] \
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        x = self._ln(x, "embeddings.LayerNorm")
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        hd = x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._lin(x, p + "attention.self.query").view(b, t, self.heads, hd).transpose(1, 2)
            k = self._lin(x, p + "attention.self.key").view(b, t, self.heads, hd).transpose(1, 2)
            v = self._lin(x, p + "attention.self.value").view(b, t, self.heads, hd).transpose(1, 2)
            a = torch.softmax(q @ k.transpose(-1, -2) / hd ** 0.5 + bias, dim=-1)
            c = (a @ v).transpose(1, 2).reshape(b, t, -1)
            x = self._ln(self._lin(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = torch.nn.functional.gelu(self._lin(x, p + "intermediate.dense"))
            x = self._ln(self._lin(h, p + "output.dense") + x, p + "output.LayerNorm")
        return x

    def encode(self, texts, batch_tokens=4096):
        """Per text: (states [T, 384] float16 without [CLS]/[SEP], offsets [T, 2] int32)."""
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = [None] * len(texts)
        start = 0
        while start < len(order):
            longest = len(encodings[order[start]].ids)
            end = start
            while end < len(order) and (end - start + 1) * max(longest, len(encodings[order[end]].ids)) <= batch_tokens:
                longest = max(longest, len(encodings[order[end]].ids))
                end += 1
            end = max(end, start + 1)
            chunk = order[start:end]
            t = max(len(encodings[i].ids) for i in chunk)
            ids = torch.zeros((len(chunk), t), dtype=torch.long)
            mask = torch.zeros((len(chunk), t), dtype=torch.long)
            for r, i in enumerate(chunk):
                e = encodings[i].ids
                ids[r, :len(e)] = torch.tensor(e)
                mask[r, :len(e)] = 1
            states = self.forward(ids, mask).numpy()
            for r, i in enumerate(chunk):
                n = len(encodings[i].ids)
                out[i] = (states[r, 1:n - 1].astype(np.float16), np.array(encodings[i].offsets[1:n - 1], dtype=np.int32).reshape(-1, 2))
            start = end
        return out


def cache_path(texts, name):
    key = hashlib.sha1(("\x00".join(texts)).encode()).hexdigest()[:16]
    return os.path.join(CACHE, f"states-{name}-{key}.npz")


def cached_states(texts, name):
    """Token states for `texts`, cached by the list's content."""
    os.makedirs(CACHE, exist_ok=True)
    path = cache_path(texts, name)
    if os.path.exists(path):
        z = np.load(path)
        states, offsets, lengths = z["states"], z["offsets"], z["lengths"]
    else:
        model = MiniLM()
        encoded = []
        step = 2000
        for s in range(0, len(texts), step):
            encoded.extend(model.encode(texts[s:s + step]))
            print(f"  {name}: encoded {min(s + step, len(texts))}/{len(texts)}", flush=True)
        lengths = np.array([len(e[0]) for e in encoded], dtype=np.int32)
        states = np.concatenate([e[0] for e in encoded]) if encoded else np.zeros((0, 384), np.float16)
        offsets = np.concatenate([e[1] for e in encoded]) if encoded else np.zeros((0, 2), np.int32)
        np.savez(path, states=states, offsets=offsets, lengths=lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    return states, offsets, starts, lengths
