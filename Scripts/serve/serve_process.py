"""Start `tenor serve` on a free loopback port and stop it: shared by the client test and the benchmarks."""
import os
import re
import subprocess
import threading
import time


class TenorServe:
    """`tenor serve --port 0` on 127.0.0.1; `base_url` is http://127.0.0.1:PORT/v1 once it listens."""

    def __init__(self, binary, model, extra_args=(), env=None, start_timeout=120):
        args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--model", model, *extra_args]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env={**os.environ, **(env or {})}, text=True)
        self.stderr_lines = []
        self.port = None
        ready = threading.Event()

        def read_stderr():
            for line in self.process.stderr:
                self.stderr_lines.append(line)
                match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/v1", line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=read_stderr, daemon=True).start()
        if not ready.wait(start_timeout) or self.port is None:
            self.stop()
            raise RuntimeError("tenor serve did not start:\n" + "".join(self.stderr_lines))
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.model_name = os.path.basename(model).removesuffix(".gguf")

    def rss_kib(self):
        """Resident memory of the server (Linux), or None."""
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wait_until(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
