"""Regeneration time (what `make generate` runs, into a temporary folder) and, on
request only, the wall time of `make test` (minutes: it would not fit the benchmark's
budget, and it runs this machine's whole test suite)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .timing import interleaved

__all__ = ["ROOT", "generate_command", "measure_make_test", "measure_regeneration"]

ROOT = Path(__file__).resolve().parent.parent


def generate_command(output: Path) -> list[str]:
    """The Makefile's GENERATE, with its output in `output`."""
    bin_dir = Path(sys.executable).parent
    return [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        "openapi.yaml",
        "--config",
        "generator-config.yml",
        "--custom-template-path",
        "templates",
        "--meta",
        "uv",
        "--fail-on-warning",
        "--output-path",
        str(output),
    ]


def _generate_once() -> float:
    # The generator formats with the ruff on PATH: ours, pinned, as the Makefile does.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as folder:
        start = time.perf_counter()
        subprocess.run(  # noqa: S603 (our fixed command)
            generate_command(Path(folder) / "out"),
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        return time.perf_counter() - start


def measure_regeneration(*, rounds: int, warmup: int = 1) -> list[float]:
    """Seconds per regeneration of the client from openapi.yaml + templates/."""
    return interleaved({"generate": _generate_once}, rounds=rounds, warmup=warmup)["generate"]


def measure_make_test() -> float:
    """Wall seconds of one `make test` (it must pass: a failing run measures nothing)."""
    start = time.perf_counter()
    subprocess.run(["make", "test"], cwd=ROOT, check=True, capture_output=True, timeout=3600)  # noqa: S607
    return time.perf_counter() - start
