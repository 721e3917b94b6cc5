#!/usr/bin/env python3
"""llama.cpp's prefill and decode speed on the same GGUF and the same tokens as `tenor bench --decoder`.

Reads the JSON that `tenor bench --decoder --json` printed (prompt_tokens, decode_tokens, threads), runs
llama.cpp (llama-cpp-python) with the same thread count, best of --repetitions, and prints JSON with
prefill_tokens_per_second, decode_tokens_per_second and peak_rss_bytes. Benchmarks/decoder.sh runs both.

Usage: python3 Scripts/reference/bench_llama_cpp.py TENOR_BENCH.json [--repetitions 3]
"""
import argparse
import json
import resource
import sys
import time

import llama_cpp


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tenor_json")
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with open(args.tenor_json) as f:
        tenor = json.load(f)
    prompt, decode, threads = tenor["prompt_tokens"], tenor["decode_tokens"], tenor["threads"]

    llm = llama_cpp.Llama(model_path=tenor["model"], n_ctx=len(prompt) + len(decode) + 8,
                          n_batch=len(prompt), n_ubatch=len(prompt), n_threads=threads,
                          n_threads_batch=threads, logits_all=False, verbose=False)
    best_prefill = best_decode = 0.0
    for _ in range(args.repetitions):
        llm.reset()
        llm._ctx.memory_clear(True) if hasattr(llm._ctx, "memory_clear") else None
        start = time.perf_counter()
        llm.eval(prompt)
        prefill = time.perf_counter() - start
        # The same tokens tenor decoded (its greedy choices), one forward pass each.
        start = time.perf_counter()
        for token in decode:
            llm.eval([token])
        decode_seconds = time.perf_counter() - start
        best_prefill = max(best_prefill, len(prompt) / prefill)
        best_decode = max(best_decode, len(decode) / decode_seconds)
    print(json.dumps(dict(
        llama_cpp_python=llama_cpp.__version__, threads=threads,
        prompt_tokens=len(prompt), decode_tokens=len(decode),
        prefill_tokens_per_second=best_prefill, decode_tokens_per_second=best_decode,
        peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)))


if __name__ == "__main__":
    sys.exit(main())
