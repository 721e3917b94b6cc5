#!/usr/bin/env python3
"""Smoke test of the Rewrite code actions over a real `tenor lsp` (list, resolve, refuse after an edit).
   python3 Scripts/restyle/lsp_smoke.py [.build/release/tenor]"""
import json, subprocess, sys, time
p = subprocess.Popen([sys.argv[1] if len(sys.argv) > 1 else ".build/release/tenor", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body); p.stdin.flush()
def recv():
    length = 0
    while True:
        line = p.stdout.readline().strip()
        if not line: break
        if line.lower().startswith(b"content-length"): length = int(line.split(b":")[1])
    return json.loads(p.stdout.read(length))
def wait_id(i):
    while True:
        m = recv()
        if m.get("id") == i and "method" not in m: return m
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"codeAction":{"resolveSupport":{"properties":["edit"]},"dataSupport":True}}}}})
r = wait_id(1); print("codeActionKinds:", r["result"]["capabilities"].get("codeActionProvider"))
send({"jsonrpc":"2.0","method":"initialized","params":{}})
text = "- I'm gonna check `x` tmrw. It's fine.\n"
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///t.md","languageId":"markdown","version":1,"text":text}}})
send({"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///t.md"},"range":{"start":{"line":0,"character":2},"end":{"line":0,"character":38}},"context":{"diagnostics":[]}}})
r = wait_id(2); acts = r["result"]; print([a["title"] for a in acts], acts[0].get("kind"), "edit" in acts[0])
send({"jsonrpc":"2.0","id":3,"method":"codeAction/resolve","params":acts[0]})
r = wait_id(3); print(json.dumps(r.get("result", r).get("edit", r))[:300])
send({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///t.md","version":2},"contentChanges":[{"text":text+"x"}]}})
send({"jsonrpc":"2.0","id":4,"method":"codeAction/resolve","params":acts[0]})
r = wait_id(4); print("after change:", r.get("error"))
send({"jsonrpc":"2.0","id":5,"method":"shutdown"}); wait_id(5); send({"jsonrpc":"2.0","method":"exit"})
