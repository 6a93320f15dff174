"""Load generators for the emulator's throughput: `wrk` when it is installed, else a
raw-socket generator of our own, each in a process of its own.

Why not httpx or aiohttp: on two cores a Python HTTP client spends more CPU per request
than the server does, so it would measure itself; the ratios (page 200 / page 1, page /
static) would drift towards 1 and hide the server's costs. `wrk` (C, epoll, one thread)
needs a fraction of a core for the server's ~10k requests/s. The fallback is the
cheapest Python can do: keep-alive sockets, one prepared request, responses framed by
Content-Length only, `selectors` over all connections; it runs in a separate
interpreter (not a thread of the benchmark) so that it gets its own core. Whichever
ran is recorded with the results, together with the server's CPU use, which shows
whether the server was the bottleneck (close to 1 CPU-second per second) or not.
"""

from __future__ import annotations

import re
import selectors
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["GENERATORS", "LoadResult", "parse_wrk_output", "raw_socket_load", "resolve_generator", "run_load"]

GENERATORS = ("auto", "wrk", "python")

_ROOT = Path(__file__).resolve().parent.parent  # where `python -m bench.load` is found

_WRK_RPS = re.compile(r"Requests/sec:\s+([0-9.]+)")
_WRK_TOTAL = re.compile(r"(\d+) requests in")
_WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: \d+|Socket errors: .*")


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    seconds: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def resolve_generator(choice: str) -> str:
    """`wrk` or `python`: `auto` takes wrk when it is on PATH."""
    if choice not in GENERATORS:
        raise ValueError(f"unknown load generator {choice!r} (expected one of {', '.join(GENERATORS)})")
    if choice == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if choice == "wrk" and not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install wrk), use --generator python")
    return choice


def run_load(url: str, *, connections: int, seconds: float, authorization: str, generator: str) -> LoadResult:
    """Requests completed against `url` over `seconds` with `connections` keep-alive
    connections (wrk runs whole seconds, at least one); any non-200 answer or socket
    error is an error, not a result."""
    if resolve_generator(generator) == "wrk":
        return _wrk(url, connections=connections, seconds=max(1, round(seconds)), authorization=authorization)
    return _raw(url, connections=connections, seconds=seconds, authorization=authorization)


def parse_wrk_output(out: str) -> LoadResult:
    """wrk's report as a LoadResult; errors it reports raise."""
    errors = _WRK_ERRORS.search(out)
    if errors is not None:
        raise RuntimeError(f"wrk saw errors: {errors.group(0)}")
    rps, total = _WRK_RPS.search(out), _WRK_TOTAL.search(out)
    if rps is None or total is None or float(rps.group(1)) <= 0:
        raise RuntimeError(f"unexpected wrk output: {out!r}")
    requests = int(total.group(1))
    return LoadResult(requests, requests / float(rps.group(1)))


def _wrk(url: str, *, connections: int, seconds: int, authorization: str) -> LoadResult:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "-H",
        f"Authorization: {authorization}",
        url,
    ]
    out = subprocess.run(  # noqa: S603 (our fixed command)
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    return parse_wrk_output(out)


def _raw(url: str, *, connections: int, seconds: float, authorization: str) -> LoadResult:
    command = [sys.executable, "-m", "bench.load", url, str(connections), str(seconds), authorization]
    out = subprocess.run(  # noqa: S603 (our own module)
        command, capture_output=True, text=True, check=True, timeout=seconds + 30, cwd=_ROOT
    ).stdout.split()
    return LoadResult(int(out[0]), float(out[1]))


def raw_socket_load(url: str, connections: int, seconds: float, authorization: str) -> LoadResult:
    """The fallback generator's loop (run by `python -m bench.load`)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: {authorization}\r\n\r\n"
    ).encode()
    selector = selectors.DefaultSelector()
    buffers: dict[socket.socket, bytearray] = {}
    for _ in range(connections):
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        buffers[sock] = bytearray()
        selector.register(sock, selectors.EVENT_READ, sock)
        sock.send(request)
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        now = time.perf_counter()
        if now >= deadline:
            break
        for key, _ in selector.select(deadline - now):
            conn: socket.socket = key.data
            chunk = conn.recv(262144)
            if not chunk:
                raise RuntimeError("the server closed a connection")
            buffer = buffers[conn]
            buffer += chunk
            while True:
                head_end = buffer.find(b"\r\n\r\n")
                if head_end < 0:
                    break
                if not buffer.startswith(b"HTTP/1.1 200 "):
                    raise RuntimeError(f"non-200 answer: {bytes(buffer[:40])!r}")
                head = bytes(buffer[: head_end + 2]).lower()
                length_at = head.find(b"\r\ncontent-length:")
                if length_at < 0:
                    raise RuntimeError("a response without content-length")
                length = int(head[length_at + 17 : head.index(b"\r\n", length_at + 2)])
                end = head_end + 4 + length
                if len(buffer) < end:
                    break
                del buffer[:end]
                done += 1
                conn.send(request)
    elapsed = time.perf_counter() - start
    for sock in buffers:
        sock.close()
    return LoadResult(done, elapsed)


if __name__ == "__main__":
    result = raw_socket_load(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
    print(result.requests, result.seconds)
