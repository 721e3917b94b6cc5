#!/usr/bin/env python3
"""Load on `tenor serve` over loopback (issue #20): CLIENTS concurrent clients each send REQUESTS short chat
completions; every one must succeed. Prints p50/p95 latency, throughput, and checks that a client that
disconnects mid-stream frees its slot. Standard library only; 127.0.0.1 only.

Usage: load_benchmark.py TENOR_BINARY MODEL.gguf [--clients 8] [--requests 10] [--max-tokens 16] [--json]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import TenorServe  # noqa: E402

PROMPTS = ["Say hello.", "Name a colour.", "What is 2 + 2?", "Give me a fruit.", "Name a planet.",
           "Say something kind.", "Name an animal.", "What day follows Monday?", "Name a tree.", "Say goodbye."]


def chat(port, model, prompt, max_tokens, timeout=600):
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": prompt}],
                       "max_tokens": max_tokens, "temperature": 0})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            return elapsed, None, f"HTTP {response.status}: {data[:200]!r}"
        return elapsed, json.loads(data)["usage"]["completion_tokens"], None
    finally:
        connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def dropped_stream_frees_slot(port, model):
    """Start a long stream, drop it after the first chunk, then time a short request."""
    body = json.dumps({"model": model, "prompt": "1, 2, 3, 4, 5,", "max_tokens": 400, "temperature": 0, "stream": True})
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    sock.sendall((f"POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  f"Content-Length: {len(body)}\r\n\r\n{body}").encode())
    received = b""
    while b'"text"' not in received:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    sock.close()
    elapsed, tokens, error = chat(port, model, "Say hello.", 4)
    return elapsed, error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("model")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    extra = ["--context-size", "1024", "--max-queue", str(max(32, args.clients * 2))]
    if args.threads:
        extra += ["--threads", str(args.threads)]
    with TenorServe(args.binary, args.model, extra) as server:
        chat(server.port, server.model_name, "warm up", 2)
        latencies, tokens, errors = [], [], []
        lock = threading.Lock()

        def client(index):
            for request in range(args.requests):
                elapsed, count, error = chat(server.port, server.model_name,
                                             PROMPTS[(index + request) % len(PROMPTS)], args.max_tokens)
                with lock:
                    if error:
                        errors.append(error)
                    else:
                        latencies.append(elapsed)
                        tokens.append(count)

        rss_before = server.rss_kib()
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        rss_after = server.rss_kib()
        drop_latency, drop_error = dropped_stream_frees_slot(server.port, server.model_name)

        result = {
            "clients": args.clients, "requests_per_client": args.requests, "max_tokens": args.max_tokens,
            "succeeded": len(latencies), "failed": len(errors), "errors": errors[:5],
            "wall_seconds": round(wall, 2),
            "p50_seconds": round(statistics.median(latencies), 3) if latencies else None,
            "p95_seconds": round(percentile(latencies, 0.95), 3) if latencies else None,
            "max_seconds": round(max(latencies), 3) if latencies else None,
            "requests_per_second": round(len(latencies) / wall, 2),
            "completion_tokens_per_second": round(sum(tokens) / wall, 1),
            "completion_tokens": sum(tokens),
            "rss_mib_before": round(rss_before / 1024, 1) if rss_before else None,
            "rss_mib_after": round(rss_after / 1024, 1) if rss_after else None,
            "after_dropped_stream_short_request_seconds": round(drop_latency, 3), "after_dropped_stream_error": drop_error,
            "load_average": os.getloadavg(),
        }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['succeeded']}/{args.clients * args.requests} succeeded in {result['wall_seconds']} s "
              f"({args.clients} clients x {args.requests} chat completions, max_tokens {args.max_tokens})")
        print(f"latency p50 {result['p50_seconds']} s, p95 {result['p95_seconds']} s, max {result['max_seconds']} s")
        print(f"throughput {result['requests_per_second']} requests/s, {result['completion_tokens_per_second']} "
              f"completion tokens/s ({result['completion_tokens']} tokens)")
        print(f"server RSS {result['rss_mib_before']} MiB before, {result['rss_mib_after']} MiB after")
        print(f"after a stream dropped mid-way, a short request took {result['after_dropped_stream_short_request_seconds']} s"
              + (f" (error: {drop_error})" if drop_error else ""))
        print(f"load average {result['load_average']}")
        for error in errors[:5]:
            print("error:", error)
    return 0 if not errors and not drop_error else 1


if __name__ == "__main__":
    sys.exit(main())
