"""Benchmark the pipeline on corpora of 10, 100 and 1,000 documents (`make bench`).

    python bench/run.py [--quick | --sizes 10,100,1000] [--workers 1,2] [--parts stages,cli]

Per size: build the corpus (bench/corpus.py, cached), measure each stage in one fresh
process next to bare pdfplumber and Camelot lattice (bench/stages.py), then run the whole
CLI end to end on 1 and 2 workers (bench/clirun.py). Prints one table and writes it, with
the machine it ran on, to bench/results.md (raw figures: bench/out/results.json).

Ratios, as the targets state them, all from this one run:
- pipeline / floor: seconds per PDF of extract + normalise + NER (+ export / documents)
  over pdfplumber `extract_text` + spaCy on the same PDFs (target <= 1.2);
- workers 2 vs 1: CLI wall time on 1 worker / on 2 workers (target >= 1.8);
- Camelot + spaCy / pipeline: seconds per PDF, on the first --camelot-max PDFs (target >= 2.5);
- memory 1000 / 100: peak RSS of the CLI process tree at 1,000 over 100 docs (target: flat, <= 1.15).

The full run at 1,000 documents takes about 45 minutes on 2 cores; `--light-above 100`
keeps it to the CLI on the most workers there (enough for the memory ratio).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.clirun import run_cli  # noqa: E402
from bench.corpus import build_corpus  # noqa: E402
from bench.report import figures, render_console, render_markdown  # noqa: E402

RESULTS_MD = ROOT / "bench" / "results.md"
RESULTS_JSON = ROOT / "bench" / "out" / "results.json"


def _int_list(text: str) -> list[int]:
    """Given "10,100", return [10, 100]."""
    return [int(x) for x in text.split(",") if x.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Given command-line words, return the bench options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_int_list, default=[10, 100, 1000], help="corpus sizes (default 10,100,1000)")
    parser.add_argument("--quick", action="store_true", help="sizes 10,100 only")
    parser.add_argument("--workers", type=_int_list, default=[1, 2], help="CLI worker counts to time (default 1,2)")
    parser.add_argument("--parts", default="stages,cli", help="what to run: stages and/or cli (default both)")
    parser.add_argument("--camelot-max", type=int, default=34, help="PDFs Camelot reads per size (default 34)")
    parser.add_argument("--memory-sample", type=int, default=30, help="documents traced for stage memory (default 30)")
    parser.add_argument("--light-above", type=int, metavar="N",
                        help="for sizes above N run only the CLI on the most workers (for memory flatness)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--from-json", type=Path, metavar="RESULTS_JSON",
                        help="measure nothing: re-render the table of an earlier run's results.json")
    parser.add_argument("--out", type=Path, default=RESULTS_MD, help="where to write the markdown table")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [10, 100]
    return args


def machine() -> dict[str, Any]:
    """Return what the figures depend on: cores, CPU, Python, platform, load, date."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "load_at_start": [round(x, 2) for x in os.getloadavg()], "date": dt.datetime.now().isoformat(timespec="minutes")}


def measure_stages(corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Given a corpus, run bench/stages.py on it in a fresh process and return its figures."""
    command = [sys.executable, str(ROOT / "bench" / "stages.py"), str(corpus), "--camelot-max", str(args.camelot_max),
               "--memory-sample", str(args.memory_sample)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Given a corpus size, return its stage and CLI figures."""
    corpus = build_corpus(n, seed=args.seed)
    out: dict[str, Any] = {"size": n}
    light = args.light_above is not None and n > args.light_above
    if "stages" in args.parts and not light:
        print(f"[{n}] stages, floor and Camelot ...", file=sys.stderr, flush=True)
        out["stages"] = measure_stages(corpus, args)
    if "cli" in args.parts:
        out["cli"] = {}
        for w in args.workers[-1:] if light else args.workers:
            print(f"[{n}] slippage ingest --workers {w} ...", file=sys.stderr, flush=True)
            run = run_cli(corpus, w)
            if run.exit_code not in (0, 1):
                raise SystemExit(f"slippage ingest failed ({run.exit_code}): {run.stderr_tail}")
            out["cli"][str(w)] = {k: getattr(run, k) for k in ("seconds", "exit_code", "max_rss_mib", "tree_rss_mib")}
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the bench, print the table and write bench/results.md."""
    args = parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        info, runs, command = saved["machine"], saved["runs"], saved.get("command", "")
    else:
        info, command = machine(), " ".join(sys.argv[1:] if argv is None else argv) or "(defaults)"
        runs = [measure_size(n, args) for n in args.sizes]
        RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_JSON.write_text(json.dumps({"machine": info, "command": command, "runs": runs}, indent=1),
                                encoding="utf-8")
    table = figures(runs)
    render_console(table, info)
    args.out.write_text(render_markdown(table, info, command), encoding="utf-8")
    print(f"written: {args.out}" + ("" if args.from_json else f", {RESULTS_JSON}"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
