#!/usr/bin/env python3
"""Hostile input to `tenor serve` over loopback (issue #20): oversized bodies, truncated JSON, absurd max_tokens,
slow clients, 1,000 connections opened and dropped, while a well-behaved client keeps being served; the server's
resident memory is sampled throughout. Standard library only; 127.0.0.1 only.

Usage: hostile_input.py TENOR_BINARY MODEL.gguf [--connections 1000] [--slow-clients 50] [--json]
"""
import argparse
import http.client
import json
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import TenorServe  # noqa: E402


def request(port, method, path, body=None, headers=None, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request(method, path, body, {"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - started
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("model")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--slow-clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--read-timeout", type=int, default=5, help="the server's --request-read-timeout for this run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    results = {}
    with TenorServe(args.binary, args.model, ["--context-size", "512", "--max-body-bytes", str(1 << 20),
                                              "--request-read-timeout", str(args.read_timeout)]) as server:
        port, model = server.port, server.model_name
        good = json.dumps({"model": model, "messages": [{"role": "user", "content": "Say hello."}],
                           "max_tokens": 4, "temperature": 0})
        rss = [server.rss_kib()]
        sampling = True

        def sample():
            while sampling:
                rss.append(server.rss_kib())
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()

        def served():
            status, _, elapsed = request(port, "POST", "/v1/chat/completions", good)
            return status == 200, round(elapsed, 3)

        results["baseline"] = served()

        # Oversized bodies: declared (refused before reading) and undeclared (chunked, cut at the limit).
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 8388608\r\n\r\n" + b" " * 65536)
        answer = sock.recv(4096).split(b"\r\n", 1)[0].split()
        sock.close()
        results["oversized_declared"] = int(answer[1]) if len(answer) > 1 else None
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b" " * 65536
        sent = 0
        try:
            for _ in range(64):  # 4 MiB in 64 KiB chunks
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:
            pass
        sock.settimeout(10)
        try:
            answer = sock.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace")
        except OSError as error:
            answer = f"no answer ({error})"
        sock.close()
        results["oversized_chunked"] = {"sent_bytes_before_refusal": sent, "answer": answer}

        results["truncated_json"] = request(port, "POST", "/v1/chat/completions", good[: len(good) // 2])[0]
        results["not_json"] = request(port, "POST", "/v1/chat/completions", b"\xff\xfe garbage")[0]
        results["absurd_max_tokens"] = request(port, "POST", "/v1/chat/completions", json.dumps(
            {"model": model, "messages": [{"role": "user", "content": "x"}], "max_tokens": 10**18}))[0]
        results["negative_max_tokens"] = request(port, "POST", "/v1/chat/completions", json.dumps(
            {"model": model, "messages": [{"role": "user", "content": "x"}], "max_tokens": -5}))[0]
        results["deep_nesting"] = request(port, "POST", "/v1/chat/completions", b"[" * 100000)[0]
        results["after_malformed"] = served()

        # Slow clients: each sends half a request, then stalls (slowloris); the server must keep serving.
        slow = []
        for _ in range(args.slow_clients):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"model\":")
            slow.append(s)
        results["while_slow_clients_stall"] = served()
        time.sleep(args.read_timeout + 2)
        closed = 0
        for s in slow:
            s.settimeout(2)
            try:
                if s.recv(1) == b"":
                    closed += 1
            except OSError:
                closed += 1
            s.close()
        results["slow_clients_dropped_by_server"] = f"{closed}/{len(slow)}"

        # Connections opened and dropped: bare connects, half-sent heads, and whole requests abandoned at once
        # (reset). Several rounds, with the memory after each, to show it does not grow round after round.
        rounds = []
        for round_index in range(args.rounds):
            started = time.perf_counter()
            for index in range(args.connections):
                s = socket.create_connection(("127.0.0.1", port))
                if index % 3 == 1:
                    s.sendall(b"GET /v1/mod")
                elif index % 3 == 2:
                    s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
                              % (len(good), good.encode()))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
                s.close()
            seconds = round(time.perf_counter() - started, 2)
            ok, latency = served()
            rounds.append({"seconds": seconds, "then_served": ok, "latency": latency,
                           "rss_mib": round((server.rss_kib() or 0) / 1024, 1)})
        results["dropped_connections"] = {"per_round": args.connections, "rounds": rounds}
        results["after_dropped_connections"] = (all(r["then_served"] for r in rounds), rounds[-1]["latency"])
        health = json.loads(request(port, "GET", "/health")[1])
        results["queue_after"] = health

        sampling = False
        sampler.join()
        rss.append(server.rss_kib())
        values = [v for v in rss if v]
        results["rss_mib"] = {"start": round(values[0] / 1024, 1), "peak": round(max(values) / 1024, 1),
                              "end": round(values[-1] / 1024, 1)}
        results["server_alive"] = server.alive()
        results["load_average"] = os.getloadavg()

    ok = (results["server_alive"] and all(results[k][0] for k in
          ("baseline", "after_malformed", "while_slow_clients_stall", "after_dropped_connections"))
          and results["oversized_declared"] == 413 and results["truncated_json"] == 400
          and results["absurd_max_tokens"] == 400)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")
        print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
