"""The results document (JSON) turned into what people read: a table printed to the
terminal, the same table in Markdown with the machine it ran on (for the README), and
a PNG chart. Everything is derived from the document alone, so a saved
`latest.json` can be re-rendered."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Row", "notes", "render_markdown", "render_table", "rows", "write_outputs"]

TIMES = "\N{MULTIPLICATION SIGN}"


@dataclass(frozen=True, slots=True)
class Row:
    section: str
    measure: str
    value: str
    goal: str = ""
    status: str = ""


def _seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def _bytes(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:,.1f} MiB"


def rows(doc: dict[str, Any]) -> list[Row]:
    """Every row of the table, in order; targets sit under the figures they compare."""
    settings = doc["settings"]
    targets = {target["key"]: target for target in doc["targets"]}

    def target_row(section: str, key: str) -> Row:
        target = targets[key]
        sign = "≤" if target["at_most"] else "≥"
        return Row(
            section,
            target["label"],
            f"{target['ratio']:.2f}{TIMES}",
            f"{sign} {target['goal']:g}{TIMES}",
            target["status"],
        )

    listing = doc["listing"]["median_seconds"]
    section = f"list {settings['receipts']:,} receipts ({settings['pages']} pages)"
    out = [
        Row(section, "(a) raw httpx + orjson loop (floor)", _seconds(listing["raw"])),
        Row(section, "(b) generated sync_all", _seconds(listing["sync_all"])),
        Row(section, "(c) generated asyncio_all", _seconds(listing["asyncio_all"])),
        Row(section, "(d) twilio-python", _seconds(listing["twilio-python"])),
        target_row(section, "sync_all/raw"),
        target_row(section, "sync_all/twilio"),
    ]
    section = f"parse one {doc['parsing']['receipts_per_page']}-receipt page (µs/receipt)"
    for name, value in doc["parsing"]["median_us_per_receipt"].items():
        out.append(Row(section, name, f"{value:.2f} µs"))
    last_page = doc["server"]["last_page"]
    for connections, paths in doc["server"]["runs"].items():
        section = f"emulator, {connections} client{'s' if int(connections) > 1 else ''} (req/s)"
        for name, figures in paths.items():
            label = f"page {last_page}" if name == "last page" else name
            cpu = figures["median_cpu_us_per_request"]
            share = figures["median_server_cpu_share"]
            detail = "" if cpu is None else f" ({cpu:.0f} µs CPU/req, {share:.2f} core)"
            out.append(Row(section, label, f"{figures['median_rps']:,.0f}{detail}"))
        for key in (
            f"last/page1@{connections}",
            f"page1/static@{connections}",
            f"last/static@{connections}",
        ):
            out.append(target_row(section, key))
    memory = doc["memory"]
    out += [
        Row("emulator memory", "RSS after loading the seed", _bytes(memory["rss_after_start_bytes"])),
        Row("emulator memory", "peak RSS (whole run)", _bytes(memory["peak_rss_bytes"])),
    ]
    build = doc["build"]
    make_test = build["make_test_seconds"]
    out += [
        Row("build", "regenerate the client (make generate)", _seconds(build["median_regeneration_seconds"])),
        Row(
            "build",
            "make test (wall)",
            "not measured (--with-make-test)" if make_test is None else _seconds(make_test),
        ),
    ]
    return out


SATURATED = 0.85
"""Below this share of a core at the highest concurrency, the server was not the
bottleneck (the load generator or other processes were), and its ratios say less."""


def notes(doc: dict[str, Any]) -> list[str]:
    """Caveats that the figures need."""
    out = []
    runs = doc["server"]["runs"]
    busiest = runs[max(runs, key=int)]
    shares = [figures["median_server_cpu_share"] for figures in busiest.values()]
    if any(share is not None and share < SATURATED for share in shares):
        out.append(
            f"note: at {max(runs, key=int)} clients the server used less than {SATURATED:g} of a core:"
            " it was not the bottleneck (the load generator or other processes were), so the"
            " throughput ratios understate the emulator's own cost."
        )
    busy = doc["load"]["busy_share_before"]
    if busy is not None and busy > 0.1:
        out.append(f"note: {busy * 100:.0f}% of the machine's CPU was busy before the run started.")
    return out


def _grid(table: list[list[str]]) -> str:
    widths = [max(len(line[index]) for line in table) for index in range(len(table[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )


def render_table(doc: dict[str, Any]) -> str:
    """The plain-text table: one block per section."""
    lines: list[str] = []
    table: list[list[str]] = []
    current = None
    for row in rows(doc):
        if row.section != current:
            current = row.section
            table.append([f"[{row.section}]", "", "", ""])
        table.append([f"  {row.measure}", row.value, row.goal, row.status])
    lines.append(_grid([["measure", "median", "goal", "result"], *table]))
    caveats = notes(doc)
    if caveats:
        lines += ["", *caveats]
    lines.append("\n" + _method(doc))
    return "\n".join(lines)


def _method(doc: dict[str, Any]) -> str:
    settings = doc["settings"]
    return (
        f"Medians of {settings['rounds']} interleaved rounds ({settings['server_rounds']} of"
        f" {settings['server_seconds']:g} s for throughput) after {settings['warmup']} warm-up round;"
        f" the emulator in its own process, load from {settings['load_generator']}"
        f"{_pinning(settings.get('cores'))}{'; quick sizes' if doc['quick'] else ''}."
    )


def _pinning(cores: dict[str, list[int]] | None) -> str:
    if not cores:
        return "; not pinned to cores"
    return f"; server pinned to CPU {cores['server']}, clients and load generator to CPU {cores['clients']}"


def _machine_line(doc: dict[str, Any]) -> str:
    machine = doc["machine"]
    memory = machine["memory_bytes"]
    busy = doc["load"]["busy_share_before"]
    parts = [
        f"{machine['cpu']}, {machine['cores']} cores",
        f"{memory / 2**30:.0f} GiB" if memory else "",
        f"{machine['implementation']} {machine['python']}",
        machine["platform"],
    ]
    load = doc["load"]
    busy_text = "n/a" if busy is None else f"{busy * 100:.0f}% of all cores busy"
    return (
        ", ".join(part for part in parts if part)
        + f". Before the run: {busy_text}, load average {load['load_average_before']};"
        f" after: load average {load['load_average_after']}."
    )


def render_markdown(doc: dict[str, Any]) -> str:
    lines = [
        "| | measure | median | goal | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    current = None
    for row in rows(doc):
        section = row.section if row.section != current else ""
        current = row.section
        lines.append(f"| {section} | {row.measure} | {row.value} | {row.goal} | {row.status} |")
    return "\n".join(
        [
            f"Benchmarks of {doc['generated_at']} (`make bench`{', --quick' if doc['quick'] else ''}).",
            "",
            f"Machine: {_machine_line(doc)}",
            "",
            *lines,
            "",
            *[f"{note}\n" for note in notes(doc)],
            _method(doc),
            "",
        ]
    )


def _chart(doc: dict[str, Any], path: Path) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (listing_axes, parsing_axes, server_axes) = plt.subplots(1, 3, figsize=(15, 4.8))
    listing = doc["listing"]["median_seconds"]
    names = list(listing)
    listing_axes.bar(
        names, [listing[name] * 1000 for name in names], color=["#888", "#1f77b4", "#6baed6", "#d62728"]
    )
    listing_axes.set_title(f"list {doc['settings']['receipts']:,} receipts (ms, lower is better)")
    listing_axes.tick_params(axis="x", labelrotation=20)

    parsing = doc["parsing"]["median_us_per_receipt"]
    names = list(parsing)
    parsing_axes.bar(names, [parsing[name] for name in names], color="#2ca02c")
    parsing_axes.set_title("parse a page (µs per receipt, lower is better)")
    parsing_axes.tick_params(axis="x", labelrotation=20)

    runs = doc["server"]["runs"]
    paths = ["static", "page 1", "last page"]
    width = 0.8 / len(runs)
    for index, (connections, figures) in enumerate(runs.items()):
        offsets = [position + index * width for position in range(len(paths))]
        server_axes.bar(
            offsets, [figures[name]["median_rps"] for name in paths], width, label=f"{connections} client(s)"
        )
    labels = ["static", "page 1", f"page {doc['server']['last_page']}"]
    server_axes.set_xticks([position + width * (len(runs) - 1) / 2 for position in range(len(paths))], labels)
    server_axes.set_title("emulator (requests/s, higher is better)")
    server_axes.legend(loc="lower center")
    machine = doc["machine"]
    figure.suptitle(
        f"twilio-receipts benchmarks, {doc['generated_at']} ({machine['cpu']}, {machine['cores']} cores)"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write_outputs(doc: dict[str, Any], out: Path) -> dict[str, Path]:
    """latest.json, latest.md and latest.png in `out` (created if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "latest.json", "markdown": out / "latest.md", "chart": out / "latest.png"}
    paths["json"].write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    paths["markdown"].write_text(render_markdown(doc))
    _chart(doc, paths["chart"])
    return paths
