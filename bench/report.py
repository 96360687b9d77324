"""Turn bench measurements into one table (per-size rows, ratios, targets) for the console and markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

STAGES = ("extract", "normalise", "ner", "export")
MIB = 2**20
FLAT_MEMORY = 1.15  # "flat" from 100 to 1,000 documents: at most 15% more peak RSS


@dataclass(frozen=True, slots=True)
class Target:
    """One goal of the issue and how this run did against it."""

    name: str
    wanted: str
    measured: str
    met: bool | None  # None: not measured in this run


@dataclass(frozen=True, slots=True)
class BenchTable:
    """Per-size rows (label, one cell per size) and the targets."""

    sizes: tuple[int, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    targets: tuple[Target, ...]


def _num(x: float | None, digits: int = 2) -> str:
    """Given a number or None, return it rounded for a table cell ("—" for None).

    >>> _num(3.14159), _num(None), _num(1234.5, 0)
    ('3.14', '—', '1234')
    """
    return "—" if x is None else f"{x:.{digits}f}"


def pipeline_per_pdf(s: dict[str, Any]) -> float | None:
    """Given stage figures, return seconds per PDF of extract + normalise + NER, plus export per document."""
    n_pdf, n_docs = int(s["formats"]["pdf"]), int(s["docs"])
    if not n_pdf:
        return None
    per_pdf = sum(float(s["seconds"][st].get("pdf", 0.0)) for st in ("extract", "normalise", "ner")) / n_pdf
    return per_pdf + float(s["seconds"]["export"]["all"]) / n_docs


def baseline_per_pdf(b: dict[str, Any] | None) -> float | None:
    """Given floor or Camelot figures, return their seconds per PDF (extract + NER)."""
    return float(b["extract"] + b["ner"]) / b["docs"] if b and b["docs"] else None


def _ratio(a: float | None, b: float | None) -> float | None:
    """Given two numbers, return a / b, or None when either is missing or b is 0."""
    return a / b if a is not None and b else None


def stage_rows(s: dict[str, Any]) -> list[tuple[str, str]]:
    """Given one size's stage figures, return (label, cell) rows for every stage."""
    rows = []
    for st in STAGES:
        total = sum(s["seconds"][st].values())
        pdf_s = s["seconds"][st].get("pdf")
        rows += [
            (f"{st}: docs/s", _num(_ratio(s["docs"], total), 1)),
            (f"{st}: PDF pages/s", "—" if st == "export" else _num(_ratio(s["pdf_pages"], pdf_s), 1)),
            (f"{st}: peak traced MiB", _num(s["peak_bytes"][st] / MIB, 1)),
        ]
    return rows


def comparison_rows(s: dict[str, Any]) -> list[tuple[str, str]]:
    """Given one size's stage figures, return the per-PDF pipeline, floor and Camelot rows and ratios."""
    pipe, floor, cam = pipeline_per_pdf(s), baseline_per_pdf(s["floor"]), baseline_per_pdf(s["camelot"])
    n_cam = s["camelot"]["docs"] if s["camelot"] else 0
    after = s.get("ru_maxrss_pipeline_kib")
    return [
        ("stage process ru_maxrss MiB, after pipeline stages", _num(after / 1024 if after else None, 0)),
        ("stage process ru_maxrss MiB, at end (+ baselines, tracemalloc)", _num(s["ru_maxrss_kib"] / 1024, 0)),
        ("pipeline s/PDF", _num(pipe, 3)),
        ("floor s/PDF (pdfplumber extract_text + spaCy)", _num(floor, 3)),
        ("Camelot lattice + spaCy s/PDF", _num(cam, 3)),
        ("Camelot: PDFs read (--camelot-max)", str(n_cam)),
        ("ratio pipeline / floor (target <= 1.2)", _num(_ratio(pipe, floor))),
        ("ratio Camelot+spaCy / pipeline (target >= 2.5)", _num(_ratio(cam, pipe))),
    ]


def cli_rows(cli: dict[str, Any], n: int) -> list[tuple[str, str]]:
    """Given one size's CLI runs by worker count, return their rows and the 2-vs-1 speed-up."""
    rows = []
    for w, run in sorted(cli.items(), key=lambda kv: int(kv[0])):
        rows += [
            (f"CLI --workers {w}: wall s", _num(run["seconds"], 1)),
            (f"CLI --workers {w}: docs/s", _num(n / run["seconds"], 2)),
            (f"CLI --workers {w}: peak RSS, process tree MiB", _num(run["tree_rss_mib"], 0)),
            (f"CLI --workers {w}: peak RSS, largest process MiB", _num(run["max_rss_mib"], 0)),
        ]
    if "1" in cli and "2" in cli:
        rows.append(("speed-up 2 vs 1 workers (target >= 1.8)", _num(cli["1"]["seconds"] / cli["2"]["seconds"])))
    return rows


def _merge(sizes: Sequence[int], per_size: Sequence[list[tuple[str, str]]]) -> list[tuple[str, tuple[str, ...]]]:
    """Given rows per size, return one row per label with a cell per size, in first-seen order."""
    labels: dict[str, None] = {}
    for rows in per_size:
        labels.update(dict.fromkeys(label for label, _ in rows))
    cells = [dict(rows) for rows in per_size]
    return [(label, tuple(c.get(label, "") for c in cells)) for label in labels]


def _last(runs: Sequence[dict[str, Any]], get: Callable[[dict[str, Any]], float | None]) -> tuple[int, float] | None:
    """Given runs and a getter, return (size, value) of the largest size where the value exists."""
    found = [(r["size"], v) for r in runs if (v := get(r)) is not None]
    return found[-1] if found else None


def _target(name: str, wanted: str, at: tuple[int, float] | None, ok: Callable[[float], bool]) -> Target:
    """Given a target and its (size, value), return it judged."""
    if at is None:
        return Target(name, wanted, "not measured", None)
    return Target(name, wanted, f"{at[1]:.2f} (at {at[0]} docs)", ok(at[1]))


def _memory_ratio(runs: Sequence[dict[str, Any]]) -> tuple[int, float] | None:
    """Given runs, return (1000, tree peak RSS at 1,000 / at 100) for the most workers timed at both."""
    by_size = {r["size"]: r.get("cli", {}) for r in runs}
    if 100 not in by_size or 1000 not in by_size:
        return None
    common = sorted(set(by_size[100]) & set(by_size[1000]), key=int)
    if not common:
        return None
    w = common[-1]
    return 1000, by_size[1000][w]["tree_rss_mib"] / by_size[100][w]["tree_rss_mib"]


def targets(runs: Sequence[dict[str, Any]]) -> tuple[Target, ...]:
    """Given every size's figures, return the issue's four targets judged on the largest size measured."""
    stages = [r for r in runs if "stages" in r]
    pipe_floor = _last(stages, lambda r: _ratio(pipeline_per_pdf(r["stages"]), baseline_per_pdf(r["stages"]["floor"])))
    camelot = _last(stages, lambda r: _ratio(baseline_per_pdf(r["stages"]["camelot"]), pipeline_per_pdf(r["stages"])))
    speedup = _last(runs, lambda r: _ratio(r["cli"]["1"]["seconds"], r["cli"]["2"]["seconds"])
                    if {"1", "2"} <= set(r.get("cli", {})) else None)
    return (
        _target("pipeline per PDF vs floor", "<= 1.2x", pipe_floor, lambda v: v <= 1.2),
        _target("CLI speed-up, 2 workers vs 1", ">= 1.8x", speedup, lambda v: v >= 1.8),
        _target("Camelot lattice + spaCy vs pipeline", ">= 2.5x slower", camelot, lambda v: v >= 2.5),
        _target("peak RSS 1,000 vs 100 docs", f"<= {FLAT_MEMORY}x", _memory_ratio(runs), lambda v: v <= FLAT_MEMORY),
    )


def figures(runs: Sequence[dict[str, Any]]) -> BenchTable:
    """Given every size's raw figures, return the table."""
    per_size = []
    for r in runs:
        rows: list[tuple[str, str]] = []
        if "stages" in r:
            s = r["stages"]
            f = s["formats"]
            rows += [("documents (pdf/docx/txt)", f"{s['docs']} ({f['pdf']}/{f['docx']}/{f['txt']})"),
                     ("PDF pages", str(s["pdf_pages"])), *stage_rows(s), *comparison_rows(s)]
        rows += cli_rows(r.get("cli", {}), r["size"])
        per_size.append(rows)
    sizes = tuple(r["size"] for r in runs)
    return BenchTable(sizes, tuple(_merge(sizes, per_size)), targets(runs))


def _verdict(t: Target) -> str:
    """Given a target, return "met", "NOT met" or "not measured"."""
    return "not measured" if t.met is None else ("met" if t.met else "NOT met")


def render_markdown(table: BenchTable, machine: dict[str, Any], command: str) -> str:
    """Given the table, the machine and the bench arguments, return bench/results.md."""
    head = "| figure | " + " | ".join(f"{n} docs" for n in table.sizes) + " |"
    lines = [
        "# Benchmark results", "",
        f"`python bench/run.py {command}` on {machine['date']}: {machine['cores']} cores ({machine['cpu']}), "
        f"Python {machine['python']}, {machine['platform']}; load average at start {machine['load_at_start']}.", "",
        "## Targets", "", "| target | wanted | measured | verdict |", "| --- | --- | --- | --- |",
        *[f"| {t.name} | {t.wanted} | {t.measured} | {_verdict(t)} |" for t in table.targets], "",
        "Every ratio comes from this one run. On a shared machine the figures are noisy: runs that",
        "see different load skew the ratios (a 2-worker speed-up above 2 on 2 cores means the",
        "1-worker run was slowed by other work). Pages/s count PDF pages over the time spent on",
        "PDFs; docs/s count all formats. Stage memory is traced (tracemalloc) on a sample of",
        "documents; CLI memory is resident set size (see bench/clirun.py).", "",
        "## Figures", "", head, "| --- |" + " ---: |" * len(table.sizes),
        *[f"| {label} | " + " | ".join(cells) + " |" for label, cells in table.rows], "",
    ]
    return "\n".join(lines)


def render_console(table: BenchTable, machine: dict[str, Any]) -> None:
    """Given the table and the machine, print both tables with rich."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    figures_table = Table(title=f"slippage bench — {machine['cores']} cores, Python {machine['python']}, "
                                f"load {machine['load_at_start']}")
    figures_table.add_column("figure")
    for n in table.sizes:
        figures_table.add_column(f"{n} docs", justify="right")
    for label, cells in table.rows:
        figures_table.add_row(label, *cells)
    console.print(figures_table)
    goals = Table(title="targets (ratios from this run)")
    for col in ("target", "wanted", "measured", "verdict"):
        goals.add_column(col)
    for t in table.targets:
        goals.add_row(t.name, t.wanted, t.measured, _verdict(t))
    console.print(goals)
