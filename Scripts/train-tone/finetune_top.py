#!/usr/bin/env python3
"""Fine-tunes the top two layers of all-MiniLM-L6-v2 (layers 4 and 5 of 0…5) together with Tenor's
token-level tone head (issue 19). Writes

    Sources/Tone/Resources/tone-encoder-top.safetensors   layers 4 and 5, float16, MiniLM's tensor names
    Sources/Tone/Resources/tone-head.safetensors          the head (same format as train_tokens.py's)
    Tests/ToneTests/Fixtures/token-logits.json            per-token logits the Swift path must reproduce

    nice -n 5 python3 Scripts/train-tone/finetune_top.py              # train, thresholds on dev, export
    nice -n 5 python3 Scripts/train-tone/finetune_top.py --thresholds # thresholds on dev again, export (no training)
    nice -n 5 python3 Scripts/train-tone/finetune_top.py --evaluate   # dev + test tables, once
    python3 Scripts/train-tone/acceptance.py                          # the acceptance table

The bottom four layers stay frozen, so their output (the input of layer 4) is computed once per row and
cached as float16 under $TONE_CACHE; each epoch then runs only layers 4–5 and the head. Dense encoder
weights are rounded to half floats as Tenor's BERTModel rounds them, so training sees what Tenor computes.
Rows, splits (fixed by token_data.py, SEED 19), losses, thresholds and the span rule are train_tokens.py's;
the one change in the head is that it reads its clause's mean and cues in training as well as in scoring.
"""
import hashlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.numpy import load_file, save_file
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clauses import token_clauses  # noqa: E402
from encode_all import groups  # noqa: E402
from token_data import CATEGORIES, ROOT, build  # noqa: E402
from token_states import CACHE, MAX_TOKENS, MODEL_DIR  # noqa: E402
from train_tokens import WEIGHTS, choose_thresholds, report, span_f1, token_targets  # noqa: E402

torch.set_num_threads(int(os.environ.get("TONE_THREADS", "2")))
SEED = 19
HIDDEN = 128
D = 384
HEADS = 12
FROZEN = 4                      # layers 0…3 frozen; 4 and 5 trained
LAYERS = 6
EPOCHS = int(os.environ.get("TONE_EPOCHS", "3"))
LR_ENCODER = float(os.environ.get("TONE_LR_ENCODER", "5e-5"))
LR_HEAD = 1e-3
BATCH_ROWS, BATCH_TOKENS = 32, 2048
RESOURCES = os.path.join(ROOT, "Sources", "Tone", "Resources")
OUT_TOP = os.path.join(RESOURCES, "tone-encoder-top.safetensors")
OUT_HEAD = os.path.join(RESOURCES, "tone-head.safetensors")
STATE = os.path.join(CACHE, "tone-finetune.pt")


def minilm_weights():
    """MiniLM's tensors as float32, the encoder layers' matrices rounded to half floats (as BERTModel does)."""
    w = {}
    for k, v in load_file(os.path.join(MODEL_DIR, "model.safetensors")).items():
        if k.endswith("position_ids"):
            continue
        v = v.astype(np.float32)
        if k.startswith("encoder.layer.") and v.ndim == 2:
            v = v.astype(np.float16).astype(np.float32)
        w[k] = torch.from_numpy(v)
    return w


def layer_names(i):
    p = f"encoder.layer.{i}."
    return [p + n for n in (
        "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
        "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight",
        "attention.output.dense.bias", "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias")]


def bert_layer(x, key_mask, w, i):
    """One post-LayerNorm BERT layer; `w` maps MiniLM's names to tensors, key_mask [B, T] is True on real tokens."""
    p = f"encoder.layer.{i}."
    b, t, _ = x.shape

    def lin(h, name):
        return F.linear(h, w[p + name + ".weight"], w[p + name + ".bias"])

    def heads(h):
        return h.view(b, t, HEADS, D // HEADS).transpose(1, 2)

    q, k, v = heads(lin(x, "attention.self.query")), heads(lin(x, "attention.self.key")), heads(lin(x, "attention.self.value"))
    c = F.scaled_dot_product_attention(q, k, v, attn_mask=key_mask[:, None, None, :])
    c = c.transpose(1, 2).reshape(b, t, D)
    x = F.layer_norm(lin(c, "attention.output.dense") + x, (D,), w[p + "attention.output.LayerNorm.weight"],
                     w[p + "attention.output.LayerNorm.bias"], 1e-12)
    h = F.gelu(lin(x, "intermediate.dense"))
    return F.layer_norm(lin(h, "output.dense") + x, (D,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], 1e-12)


def embed(ids, w):
    t = ids.shape[1]
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None] \
        + w["embeddings.token_type_embeddings.weight"][0][None, None]
    return F.layer_norm(x, (D,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], 1e-12)


def tokenizer():
    tok = Tokenizer.from_file(os.path.join(MODEL_DIR, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def length_batches(lengths, max_rows, max_tokens):
    """Indices grouped by length (little padding): each batch ≤ max_rows rows and ≤ max_tokens padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches, current = [], []
    for i in order:
        if current and (len(current) >= max_rows or (len(current) + 1) * lengths[i] > max_tokens):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def pad(seqs, dtype=torch.long):
    t = max(len(s) for s in seqs)
    out = torch.zeros((len(seqs), t), dtype=dtype)
    mask = torch.zeros((len(seqs), t), dtype=torch.bool)
    for r, s in enumerate(seqs):
        out[r, :len(s)] = torch.as_tensor(s, dtype=dtype)
        mask[r, :len(s)] = True
    return out, mask


@torch.no_grad()
def lower_states(texts, name, w):
    """Per text: the output of layer 3 for [CLS] tokens [SEP] (float16) and the tokens' character offsets;
    cached under $TONE_CACHE by the list's content."""
    key = hashlib.sha1(("\x00".join(texts)).encode()).hexdigest()[:16]
    path = os.path.join(CACHE, f"lower{FROZEN}-{name}-{key}.npz")
    if os.path.exists(path):
        z = np.load(path)
        states, offsets, lengths = z["states"], z["offsets"], z["lengths"]
    else:
        os.makedirs(CACHE, exist_ok=True)
        enc = tokenizer().encode_batch(texts)
        ids = [e.ids for e in enc]
        out = [None] * len(texts)
        for batch in length_batches([len(i) for i in ids], 256, 8192):
            x_ids, mask = pad([ids[i] for i in batch])
            x = embed(x_ids, w)
            for layer in range(FROZEN):
                x = bert_layer(x, mask, w, layer)
            for r, i in enumerate(batch):
                out[i] = x[r, :len(ids[i])].numpy().astype(np.float16)
        lengths = np.array([len(i) for i in ids], dtype=np.int32)
        states = np.concatenate(out) if out else np.zeros((0, D), np.float16)
        offsets = np.concatenate([np.array(e.offsets, dtype=np.int32).reshape(-1, 2) for e in enc])
        np.savez(path, states=states, offsets=offsets, lengths=lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    return [(states[s:s + n], offsets[s + 1:s + n - 1]) for s, n in zip(starts, lengths)]


def load(splits, w):
    t0 = time.time()
    rows = build()
    items = []
    for (source, split), part in groups(rows):
        if split not in splits:
            continue
        t1 = time.time()
        encoded = lower_states([r["text"] for r in part], f"{source}-{split}", w)
        for r, (states, offsets) in zip(part, encoded):
            if len(offsets) == 0:
                continue
            r = dict(r, lower=states, offsets=offsets)
            r["clause"], r["clause_cues"] = token_clauses(r["text"], offsets)
            items.append(r)
        print(f"  {source}/{split}: {len(part)} rows ({time.time() - t1:.0f}s)", flush=True)
    print(f"loaded {len(items)} rows ({time.time() - t0:.0f}s)", flush=True)
    return items


class ToneModel(torch.nn.Module):
    """Layers 4–5 (initialised from MiniLM) and the head: per token [state, its clause's mean state, the
    clause's 5 cues] → 128 ReLU → 5 logits."""

    def __init__(self, w):
        super().__init__()
        self.top = torch.nn.ParameterDict({n.replace(".", "__"): torch.nn.Parameter(w[n].clone())
                                           for i in range(FROZEN, LAYERS) for n in layer_names(i)})
        self.l1 = torch.nn.Linear(2 * D + 5, HIDDEN)
        self.l2 = torch.nn.Linear(HIDDEN, 5)

    def top_weights(self):
        return {n.replace("__", "."): p for n, p in self.top.items()}

    def forward(self, batch):
        """Token logits [B, T, 5] for the tokens between [CLS] and [SEP] (padded positions: -1e4) and
        sentence logits [B, 5] (the maximum over tokens)."""
        x, mask = pad_states([r["lower"] for r in batch])
        w = self.top_weights()
        for layer in range(FROZEN, LAYERS):
            x = bert_layer(x, mask, w, layer)
        h = x[:, 1:-1]  # drop [CLS] and the last column (a [SEP] or padding); real tokens per row below
        b, t, _ = h.shape
        content = torch.zeros((b, t), dtype=torch.bool)
        group = torch.zeros((b, t), dtype=torch.long)  # global clause index; padding → the extra last group
        cues, g = [], 0
        for i, r in enumerate(batch):
            n = len(r["offsets"])
            content[i, :n] = True
            group[i, :n] = torch.from_numpy(r["clause"]) + g
            cues.append(torch.from_numpy(r["clause_cues"]))
            g += len(r["clause_cues"])
        group[~content] = g
        flat_group = group.reshape(-1)
        sums = torch.zeros((g + 1, D)).index_add(0, flat_group, h.reshape(-1, D))
        counts = torch.zeros(g + 1).index_add(0, flat_group, torch.ones(flat_group.shape[0]))
        means = sums / counts.clamp(min=1)[:, None]
        all_cues = torch.cat(cues + [torch.zeros((1, 5))])
        inputs = torch.cat([h, means[group], all_cues[group]], -1)
        z = self.l2(torch.relu(self.l1(inputs))).masked_fill(~content[..., None], -1e4)
        return z, z.max(dim=1).values, content


def pad_states(states):
    t = max(len(s) for s in states)
    x = torch.zeros((len(states), t, D))
    mask = torch.zeros((len(states), t), dtype=torch.bool)
    for r, s in enumerate(states):
        x[r, :len(s)] = torch.from_numpy(s.astype(np.float32))
        mask[r, :len(s)] = True
    # The last real token of each row is [SEP]; rows shorter than t keep [SEP] inside h, masked as non-content.
    return x, mask


def train(items):
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    train_items = [r for r in items if r["split"] == "train"]
    for r in train_items:
        r["tok"] = token_targets(r)
    model = ToneModel(minilm_weights())
    opt = torch.optim.AdamW([{"params": list(model.top.parameters()), "lr": LR_ENCODER, "weight_decay": 0.01},
                             {"params": list(model.l1.parameters()) + list(model.l2.parameters()), "lr": LR_HEAD,
                              "weight_decay": 1e-5}])
    batches = length_batches([len(r["lower"]) for r in train_items], BATCH_ROWS, BATCH_TOKENS)
    total_steps = EPOCHS * len(batches)
    warmup = max(1, total_steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total_steps - s) / total_steps))
    print(f"{len(train_items)} training rows, {len(batches)} batches per epoch, {EPOCHS} epochs", flush=True)
    for epoch in range(EPOCHS):
        rng.shuffle(batches)
        total, t0 = 0.0, time.time()
        for step, bi in enumerate(batches):
            batch = [train_items[i] for i in bi]
            z, s, content = model(batch)
            yv = torch.tensor([r["y"] for r in batch], dtype=torch.float32)
            wv = torch.tensor([WEIGHTS.get(r["source"], 1.0) for r in batch])[:, None]
            known = (yv >= 0).float()
            sent_loss = (F.binary_cross_entropy_with_logits(s, yv.clamp(min=0), reduction="none") * known * wv).sum() / max(1.0, float(known.sum()))
            tok = torch.full(z.shape, -1.0)
            for i, r in enumerate(batch):
                if r["tok"] is not None:
                    tok[i, :len(r["tok"])] = torch.from_numpy(r["tok"])
            tk = (tok >= 0).float() * content[..., None].float()
            tok_loss = (F.binary_cross_entropy_with_logits(z, tok.clamp(min=0), reduction="none") * tk).sum() / max(1.0, float(tk.sum()))
            loss = sent_loss + 0.5 * tok_loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            schedule.step()
            total += float(loss.detach())
            if step % 100 == 99:
                print(f"  epoch {epoch + 1} step {step + 1}/{len(batches)}: loss {total / (step + 1):.4f} ({time.time() - t0:.0f}s)", flush=True)
        print(f"epoch {epoch + 1}: loss {total / len(batches):.4f} ({time.time() - t0:.0f}s)", flush=True)
    # What Tenor runs: the trained layers rounded to half floats, as they are exported.
    with torch.no_grad():
        for p in model.top.parameters():
            p.copy_(p.half().float())
    return model


@torch.no_grad()
def score(model, items):
    """Per item: token logits r["z"] [T, 5] and sentence logits r["s"] [5] (threshold-free)."""
    model.eval()
    for bi in length_batches([len(r["lower"]) for r in items], 128, 8192):
        batch = [items[i] for i in bi]
        z, s, _ = model(batch)
        for i, r in enumerate(batch):
            r["z"] = z[i, :len(r["offsets"])].numpy()
            r["s"] = s[i].numpy()


def export(model, thresholds, span_threshold):
    """Layers 4–5 as float16 under MiniLM's names; the head folded as train_tokens.export folds it
    (no standardisation here: w1/b1 as trained, thresholds folded into b2)."""
    top = {n: np.ascontiguousarray(p.detach().numpy().astype(np.float16)) for n, p in model.top_weights().items()}
    save_file(top, OUT_TOP)
    w1 = model.l1.weight.detach().numpy().T
    b1 = model.l1.bias.detach().numpy()
    w2 = model.l2.weight.detach().numpy().T
    b2 = model.l2.bias.detach().numpy() - thresholds
    span = np.array([thresholds[4] - span_threshold], dtype=np.float32)
    save_file({"w1": np.ascontiguousarray(w1, dtype=np.float32), "b1": b1.astype(np.float32),
               "w2": np.ascontiguousarray(w2, dtype=np.float32), "b2": b2.astype(np.float32), "span": span}, OUT_HEAD)
    for path in (OUT_TOP, OUT_HEAD):
        print("wrote", path, os.path.getsize(path), "bytes")


FIXTURE_SENTENCES = [
    "The release is out.",
    "You are a complete idiot and nobody reads your posts.",
    "Honestly, whoever wrote the old importer is a complete idiot and should never touch code again.",
    "Kill the process with SIGTERM, then abort the transaction.",
    "Immigrants are vermin and should be wiped out.",
    "I know where you live and I will hurt you.",
    "This fucking build failed again.",
    "I would never call anyone an idiot.",
    "Muslims, Jews and Christians share the building.",
    "See code and code for the details, café naïve 😀.",
]


@torch.no_grad()
def write_fixture(model, thresholds):
    """Tests/ToneTests/Fixtures/token-logits.json: per sentence, the threshold-shifted logits of every token
    between [CLS] and [SEP] and the sentence probabilities, from the bottom layers, the exported top layers
    and the exported head; the Swift classifier must reproduce them."""
    w = minilm_weights()
    enc = tokenizer().encode_batch(FIXTURE_SENTENCES)
    rows = []
    for text, e in zip(FIXTURE_SENTENCES, enc):
        ids, mask = pad([e.ids])
        x = embed(ids, w)
        for layer in range(FROZEN):
            x = bert_layer(x, mask, w, layer)
        offsets = np.array(e.offsets[1:-1], dtype=np.int32).reshape(-1, 2)
        clause, clause_cues = token_clauses(text, offsets)
        item = {"lower": x[0].numpy(), "offsets": offsets, "clause": clause, "clause_cues": clause_cues}
        z, s, _ = model([item])
        shifted = z[0, :len(offsets)].numpy() - thresholds
        rows.append({"text": text, "tokenLogits": [[round(float(v), 4) for v in t] for t in shifted],
                     "probabilities": [round(float(1 / (1 + math.exp(-(v - t)))), 5) for v, t in zip(s[0].numpy(), thresholds)]})
    path = os.path.join(ROOT, "Tests", "ToneTests", "Fixtures", "token-logits.json")
    with open(path, "w") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)
    print("wrote", path)


def main():
    t0 = time.time()
    w = minilm_weights()
    if "--evaluate" in sys.argv:
        # Test rows are read only here, once the model and thresholds are final.
        items = load({"dev", "test"}, w)
        saved = torch.load(STATE, weights_only=False)  # our own file
        model = ToneModel(w)
        model.load_state_dict(saved["model"])
        score(model, items)
        report(items, saved["thresholds"], saved["span_threshold"])
        print(f"done in {time.time() - t0:.0f}s")
        return
    if "--thresholds" in sys.argv:
        # The saved model, thresholds chosen again on dev (after a change to the dev rows or ceilings).
        dev = load({"dev"}, w)
        model = ToneModel(w)
        model.load_state_dict(torch.load(STATE, weights_only=False)["model"])  # our own file
    else:
        items = load({"train", "dev"}, w)
        model = train(items)
        dev = [r for r in items if r["split"] == "dev"]
    score(model, dev)
    thresholds = choose_thresholds(dev)
    print("thresholds (logits):", dict(zip(CATEGORIES, thresholds.round(2).tolist())), flush=True)
    dev_spans = [r for r in dev if r["source"] == "toxic_spans"]
    best = max(((span_f1(dev_spans, -o, thresholds), o) for o in np.arange(-4, 4.01, 0.25)), key=lambda v: v[0])
    span_threshold = float(best[1])
    print(f"span threshold {span_threshold:.2f}: dev span F1 {best[0]:.3f}", flush=True)
    torch.save({"model": model.state_dict(), "thresholds": thresholds, "span_threshold": span_threshold}, STATE)
    export(model, thresholds, span_threshold)
    write_fixture(model, thresholds)
    report(dev, thresholds, span_threshold)
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
