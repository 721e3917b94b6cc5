#!/usr/bin/env python3
"""Floods a real `tenor lsp` with 1,000 didChange notifications and reports its peak memory.

Before the flood it makes the server load every model it has: the sentence encoder (tone rules, at the
first check), the decoder, encoder and tone judge of the restyler (one "Rewrite: formal" resolved) and
the style network and clip-art index (one small `tenor.illustrate` into a scratch workspace), from
$TENOR_MODELS_DIR or ~/.local/share/tenor/models. After the flood the script waits for the
diagnostics of the final version, checks them against a second document opened with the final
text (same findings, same ranges), and reads VmHWM / VmRSS from /proc/PID/status.

Usage: Scripts/reliability/flood_rss.py [path/to/tenor] [--edits N] [--limit-mb 1536] [--large-mb 10]
Exit status 1 when the peak RSS exceeds the limit or the final diagnostics disagree."""
import argparse, json, os, random, subprocess, sys, tempfile, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("binary", nargs="?", default=".build/release/tenor")
parser.add_argument("--edits", type=int, default=1000)
parser.add_argument("--limit-mb", type=int, default=1536)
parser.add_argument("--large-mb", type=float, default=0, help="start from a document of this many MB of prose")
parser.add_argument("--encoder-only", action="store_true", help="skip the rewrite and the illustration (tone encoder only)")
args = parser.parse_args()

server = subprocess.Popen([args.binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
messages, lock = [], threading.Condition()

def reader():
    out = server.stdout
    while True:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = out.read(1)
            if not byte:
                return
            header += byte
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        body = json.loads(out.read(length))
        with lock:
            messages.append(body)
            lock.notify_all()
threading.Thread(target=reader, daemon=True).start()
threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()

def send(obj):
    body = json.dumps(obj).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def wait(predicate, timeout=600):
    deadline = time.time() + timeout
    with lock:
        while True:
            for m in messages:
                if predicate(m):
                    messages.remove(m)
                    return m
            remaining = deadline - time.time()
            if remaining <= 0:
                raise SystemExit("timed out waiting for the server")
            lock.wait(remaining)

def status(field):
    for line in open(f"/proc/{server.pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024  # kB -> MB
    return -1

start = time.time()
workspace = tempfile.mkdtemp(prefix="tenor-flood-")
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": "file://" + workspace,
    "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
after_init = status("VmRSS")

uri = "file://" + workspace + "/flood.md"
text = "# Flood\n\nWe're gonna ship it tmrw.\n\n<!-- illustrate: a lighthouse at dusk | size: 128x128 -->\n\n"
if args.large_mb:
    # Distinct paragraphs, so no cache makes a large document cheap.
    paragraphs, size, i = [], 0, 0
    while size < args.large_mb * 1_000_000:
        p = f"Paragraph {i} of a long report, with a sentence or two of ordinary prose. It goes on for a while.\n\n"
        paragraphs.append(p); size += len(p); i += 1
    text += "".join(paragraphs)
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
if not args.encoder_only:
    # Load the restyler's models: list the rewrite actions on line 3 and resolve "Rewrite: formal".
    send({"jsonrpc": "2.0", "id": 10, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri},
        "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 25}},
        "context": {"diagnostics": [], "only": ["refactor.rewrite"]}}})
    actions = wait(lambda m: m.get("id") == 10)["result"]
    formal = next(a for a in actions if a["title"] == "Rewrite: formal")
    send({"jsonrpc": "2.0", "id": 11, "method": "codeAction/resolve", "params": formal})
    resolved = wait(lambda m: m.get("id") == 11, timeout=300)
    print(f"rewrite resolved: {'edit' in resolved.get('result', {})}")
    # Load the style network and the clip-art index: render the directive on line 5. The client declares no
    # workspace/applyEdit, so the server writes the PNG and then answers that it cannot insert the link.
    send({"jsonrpc": "2.0", "id": 12, "method": "workspace/executeCommand", "params": {"command": "tenor.illustrate",
        "arguments": [{"uri": uri, "position": {"line": 4, "character": 6}}]}})
    rendered = wait(lambda m: m.get("id") == 12, timeout=300)
    pngs = [f for _, _, files in os.walk(workspace) for f in files if f.endswith(".png")]
    print(f"illustration written: {pngs} ({rendered.get('error', {}).get('message', 'ok')})")
print(f"RSS with the models loaded: {status('VmRSS')} MB")

# Sentences of every kind: plain, repeated words, and ones the tone rules score (insults, threats).
# Each sentence carries the edit's number, so the encoder meets 1,000 new sentences, not its cache.
sentences = ["This is plain sentence {n}. ", "This is is repeated {n} times. ", "You are an idiot and a fool, {n}. ",
             "I will hurt you if you come back on day {n}. ", "The weather was pleasant on day {n}. ", "\n\n", "- list item {n}\n"]
rng = random.Random(7)
lines = text.split("\n")
line, character = len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2
for version in range(2, args.edits + 2):
    piece = rng.choice(sentences).format(n=version)
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                      "end": {"line": line, "character": character}}, "text": piece}]}})
    text += piece
    lines = text.split("\n")
    line, character = len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2
final_version = args.edits + 1
flood_sent = time.time()
final = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
             and m["params"]["uri"] == uri and m["params"].get("version") == final_version)
settled = time.time()

# The same text opened fresh must give the same findings.
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri + ".copy", "languageId": "markdown", "version": 1, "text": text}}})
fresh = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri + ".copy")
key = lambda d: (json.dumps(d["range"], sort_keys=True), d.get("code"), d["message"])
consistent = sorted(map(key, final["params"]["diagnostics"])) == sorted(map(key, fresh["params"]["diagnostics"]))
hwm, rss = status("VmHWM"), status("VmRSS")

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
wait(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"})
code = server.wait(timeout=30)

codes = {}
for d in final["params"]["diagnostics"]:
    codes[d.get("code")] = codes.get(d.get("code"), 0) + 1
print(f"edits: {args.edits}, final text: {len(text)} chars, {len(text.splitlines())} lines")
print(f"diagnostics at version {final_version}: {len(final['params']['diagnostics'])} {codes}")
print(f"consistent with a fresh check of the final text: {consistent}")
print(f"RSS after initialize (models loaded): {after_init} MB; peak (VmHWM): {hwm} MB; at the end: {rss} MB; limit {args.limit_mb} MB")
print(f"flood sent in {flood_sent - start:.1f} s; final diagnostics after {settled - flood_sent:.1f} s more; exit code {code}")
if hwm > args.limit_mb or not consistent or code != 0:
    sys.exit(1)
