"""Encodes every row of token_data.build() once (token states cached under $TONE_CACHE)."""
import sys, os, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch
torch.set_num_threads(int(os.environ.get("TONE_THREADS", "2")))
from token_data import build
from token_states import cached_states

def groups(rows):
    out = {}
    for r in rows:
        out.setdefault((r["source"], r["split"]), []).append(r)
    order = {"train": 0, "dev": 1, "test": 2}
    return sorted(out.items(), key=lambda kv: (order[kv[0][1]], kv[0][0]))

if __name__ == "__main__":
    rows = build()
    for (source, split), part in groups(rows):
        t = time.time()
        cached_states([r["text"] for r in part], f"{source}-{split}")
        print(source, split, len(part), f"{time.time() - t:.0f}s", flush=True)
