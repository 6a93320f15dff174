"""The emulator as users start it: its console program in a real process."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading

__all__ = ["READY", "EmulatorProcess"]

READY = re.compile(r"twilio-receipts-emulator listening on (http://127\.0\.0\.1:\d+)")


class EmulatorProcess:
    """`python -m twilio_receipts_emulator --port 0 ARGS`; its log lines are gathered on a
    thread so that a chatty process never blocks on a full pipe."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
            [sys.executable, "-m", "twilio_receipts_emulator", "--port", "0", *args],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_ready(self) -> str:
        """The base URL from the ready line."""
        while (line := self.lines.get(timeout=20)) is not None:
            self.seen.append(line)
            if match := READY.fullmatch(line):
                return match.group(1)
        raise AssertionError(f"exited before ready: {self.seen}")

    def finish(self, sig: signal.Signals | None = signal.SIGINT) -> tuple[int, list[str]]:
        """Stops the process (unless `sig` is None) and returns its exit code and log."""
        if sig is not None and self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=20)
        while (line := self.lines.get(timeout=20)) is not None:
            self.seen.append(line)
        return code, self.seen

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
