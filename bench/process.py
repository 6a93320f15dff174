"""The emulator as a separate process (its console program), so that throughput figures
are the server's own and not shared with the load generator's interpreter.

`EmulatorProcess` starts `python -m twilio_receipts_emulator --port 0 --static-probe
--seed FILE`, waits for its ready line, and reads from /proc what the process used:
CPU seconds (to tell whether the server was saturated) and peak resident memory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

from twilio_receipts_emulator.cli import READY_LINE

from .cpus import pin_process

__all__ = ["EmulatorProcess", "cpu_seconds", "peak_rss_bytes", "rss_bytes"]

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` so far (None where /proc is missing)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _status_kib(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def peak_rss_bytes(pid: int) -> int | None:
    """The high-water mark of the process's resident memory (VmHWM)."""
    return _status_kib(pid, "VmHWM")


def rss_bytes(pid: int) -> int | None:
    return _status_kib(pid, "VmRSS")


class EmulatorProcess:
    """A running emulator process: `base_url`, `pid`; stopped on `with` exit."""

    def __init__(self, seed: Path, *, cores: set[int] | None = None, timeout: float = 60.0) -> None:
        """`cores`: the CPUs the process may run on (None: any)."""
        self._seed = seed
        self._cores = cores
        self._timeout = timeout
        self._process: subprocess.Popen[str] | None = None
        self._log: list[str] = []
        self.base_url = ""

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the emulator process is not running")
        return self._process.pid

    def start(self) -> Self:
        command = [
            sys.executable,
            "-m",
            "twilio_receipts_emulator",
            "--port",
            "0",
            "--static-probe",
            "--log-level",
            "warning",
            "--seed",
            str(self._seed),
        ]
        process = subprocess.Popen(  # noqa: S603 (our own fixed command)
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self._process = process
        if self._cores is not None:
            pin_process(process.pid, self._cores)  # before it starts any thread of its own
        ready = threading.Event()

        def read() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                self._log.append(line.rstrip("\n"))
                match = READY_LINE.search(line)
                if match and not ready.is_set():
                    self.base_url = match.group(1)
                    ready.set()

        threading.Thread(target=read, name="emulator-log", daemon=True).start()
        if not ready.wait(self._timeout):
            self.stop()
            raise RuntimeError("the emulator did not start: " + " | ".join(self._log[-5:]))
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
