#!/usr/bin/env python3
"""The official `openai` Python client against `tenor serve` on loopback (issue #20's acceptance):
list models, a chat completion, a streamed chat completion, a completion with stop strings, and the errors
(bad model name, too many tokens, bad JSON, bad key) raised as the client's documented exceptions.

Usage: openai_client_test.py TENOR_BINARY MODEL.gguf
Exit status: 0 pass, 1 fail, 77 skipped (the `openai` package is missing and PyPI cannot be reached).
"""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import TenorServe  # noqa: E402

SKIP = 77


def ensure_openai():
    try:
        import openai  # noqa: F401
        return True
    except ImportError:
        pass
    print("openai_client_test: installing the openai package (python3 -m pip install --quiet openai)", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "openai"],
                       check=True, timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        import openai  # noqa: F401,F811
        return True
    except Exception as error:  # pip missing, PyPI unreachable, timeout
        print(f"openai_client_test: SKIP: the openai package is not installed and could not be installed ({error})",
              file=sys.stderr)
        return False


failures = []


def check(condition, what):
    print(("  ok   " if condition else "  FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, model = sys.argv[1], sys.argv[2]
    if not ensure_openai():
        return SKIP
    import openai

    with TenorServe(binary, model, ["--context-size", "512", "--max-tokens-limit", "256", "--threads", "1"]) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="unused", max_retries=0, timeout=120)
        name = server.model_name

        models = [m.id for m in client.models.list()]
        check(models == [name], f"models.list() -> {models}")

        chat = client.chat.completions.create(model=name, messages=[{"role": "user", "content": "Say hello."}],
                                              max_tokens=8, temperature=0, seed=1)
        text = chat.choices[0].message.content
        check(chat.choices[0].message.role == "assistant" and bool(text), f"chat completion -> {text!r}")
        check(chat.usage is not None and chat.usage.completion_tokens <= 8, f"usage -> {chat.usage}")

        stream = client.chat.completions.create(model=name, messages=[{"role": "user", "content": "Say hello."}],
                                                max_tokens=8, temperature=0, seed=1, stream=True,
                                                stream_options={"include_usage": True})
        pieces, finish, usage = [], None, None
        for chunk in stream:
            if chunk.usage:
                usage = chunk.usage
            for choice in chunk.choices:
                if choice.delta.content:
                    pieces.append(choice.delta.content)
                finish = choice.finish_reason or finish
        check("".join(pieces) == text, f"streamed chat ({len(pieces)} chunks) -> {''.join(pieces)!r} equals the plain one")
        check(finish in ("stop", "length") and usage is not None, f"stream ends with finish_reason {finish!r}, usage {usage}")

        completion = client.completions.create(model=name, prompt="1, 2, 3, 4,", max_tokens=16, temperature=0,
                                               stop=[" 7", "\n"])
        ctext = completion.choices[0].text
        check(" 7" not in ctext and completion.choices[0].finish_reason == "stop",
              f"completion with stop strings -> {ctext!r}, finish_reason {completion.choices[0].finish_reason!r}")

        try:
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}], max_tokens=2)
            check(False, "bad model name raises NotFoundError")
        except openai.NotFoundError as error:
            check(error.status_code == 404 and error.code == "model_not_found", f"bad model name -> NotFoundError: {error.message}")

        try:
            client.chat.completions.create(model=name, messages=[{"role": "user", "content": "x"}], max_tokens=1_000_000)
            check(False, "too many tokens raises BadRequestError")
        except openai.BadRequestError as error:
            check(error.code == "context_length_exceeded", f"too many tokens -> BadRequestError: {error.message}")

        try:
            client.completions.create(model=name, prompt="word " * 1000, max_tokens=4)
            check(False, "a prompt longer than the context raises BadRequestError")
        except openai.BadRequestError as error:
            check(error.code == "context_length_exceeded", f"prompt too long -> BadRequestError: {error.message}")

        # Bad JSON cannot be sent through the client (it serialises for us); send it raw and check that the
        # answer is what the client turns into BadRequestError: status 400 and an OpenAI error body.
        request = urllib.request.Request(server.base_url + "/chat/completions", data=b'{"model": "x", "messages": [',
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            urllib.request.urlopen(request, timeout=30)
            check(False, "bad JSON is refused")
        except urllib.error.HTTPError as error:
            body = json.loads(error.read())
            check(error.code == 400 and body["error"]["type"] == "invalid_request_error",
                  f"bad JSON -> {error.code}: {body['error']['message']}")

        check(server.alive(), "server still running after the errors")

    with TenorServe(binary, model, ["--context-size", "512", "--api-key-env", "TENOR_E2E_KEY", "--threads", "1"],
                    env={"TENOR_E2E_KEY": "team-secret"}) as server:
        try:
            openai.OpenAI(base_url=server.base_url, api_key="wrong", max_retries=0).models.list()
            check(False, "a wrong key raises AuthenticationError")
        except openai.AuthenticationError as error:
            check(error.status_code == 401, f"wrong key -> AuthenticationError: {error.message}")
        good = openai.OpenAI(base_url=server.base_url, api_key="team-secret", max_retries=0)
        check([m.id for m in good.models.list()] == [server.model_name], "the right key is accepted")

    print(f"openai_client_test: {'FAILED: ' + '; '.join(failures) if failures else 'all passed'} "
          f"(openai {openai.__version__})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
