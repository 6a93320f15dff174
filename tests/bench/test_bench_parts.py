"""The benchmark's pure parts: reading wrk's report, judging targets, interleaving."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.load import parse_wrk_output, resolve_generator
from bench.targets import Target, evaluate
from bench.timing import interleaved

WRK = """Running 2s test @ http://127.0.0.1:41234/__static
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.02ms  260.43us   6.87ms   86.40%
    Req/Sec     7.86k   412.13     8.31k    85.00%
  15640 requests in 2.00s, 541.85MB read
Requests/sec:   7819.55
Transfer/sec:    270.87MB
"""


def test_wrk_output_gives_requests_and_seconds() -> None:
    result = parse_wrk_output(WRK)
    assert result.requests == 15640
    assert result.rps == pytest.approx(7819.55)


@pytest.mark.parametrize(
    "trouble",
    ["  Non-2xx or 3xx responses: 12\n", "  Socket errors: connect 0, read 3, write 0, timeout 0\n"],
)
def test_wrk_errors_are_errors_not_results(trouble: str) -> None:
    with pytest.raises(RuntimeError, match="wrk saw errors"):
        parse_wrk_output(WRK.replace("Requests/sec", trouble + "Requests/sec"))


def test_unreadable_wrk_output_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="unexpected wrk output"):
        parse_wrk_output("wrk: something else\n")


def test_an_unknown_generator_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown load generator"):
        resolve_generator("ab")
    assert resolve_generator("python") == "python"


def test_targets_pass_and_miss_on_the_right_side_of_their_goal() -> None:
    assert Target("k", "k", 1.15, 1.15, at_most=True).status == "PASS"
    assert Target("k", "k", 1.16, 1.15, at_most=True).status == "MISS"
    assert Target("k", "k", 0.7, 0.7, at_most=False).status == "PASS"
    assert Target("k", "k", 0.69, 0.7, at_most=False).status == "MISS"


def test_evaluate_compares_medians_as_the_issue_states() -> None:
    listing = {"raw": 1.0, "sync_all": 1.2, "asyncio_all": 2.0, "twilio-python": 3.0}
    rps = {1: {"static": 100.0, "page 1": 80.0, "last page": 70.0}}
    targets = {target.key: target for target in evaluate(listing, rps, last_page=200)}
    assert targets["sync_all/raw"].ratio == pytest.approx(1.2)
    assert targets["sync_all/raw"].status == "MISS"
    assert targets["sync_all/twilio"].ratio == pytest.approx(0.4)
    assert targets["last/page1@1"].ratio == pytest.approx(80 / 70)  # time per request
    assert targets["last/page1@1"].label == "page 200 / page 1 (time per request, 1 client)"
    assert targets["page1/static@1"].ratio == pytest.approx(0.8)
    assert targets["last/static@1"].status == "PASS"


def test_interleaving_rotates_the_order_and_drops_the_warmup() -> None:
    calls: list[str] = []

    def variant(name: str) -> Callable[[], int]:
        def run() -> int:
            calls.append(name)
            return len(calls)

        return run

    results = interleaved({"a": variant("a"), "b": variant("b"), "c": variant("c")}, rounds=2, warmup=1)
    assert calls == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert results == {"a": [6, 8], "b": [4, 9], "c": [5, 7]}
