"""The cross-report steps of a batch, then every table written, without holding all rows at once.

Copies of a report and project identity are worked out from the files' summaries; the
row tables (exceptions, amounts, years, entities) are then streamed: files are read back
a part at a time in report order, keyed, and appended to each table in chunks of whole
reports, and a report too big for one chunk in slices of its exceptions
(`slippage.big_report`). Memory stays near one chunk whatever the batch or report size,
and the files are byte-for-byte what sorting the whole tables at once would give.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

from export.changes import changes_frame
from export.database import Source, timeline_frame, write_database
from export.ids import is_primary, with_amount_ids
from export.schema import APPLIED_CORRECTIONS_COLUMNS
from export.tables import to_frame
from export.writers import TableSink, write_table
from normalise.identity.fingerprint import Fingerprint
from normalise.identity.project_key import NameOccurrence, assign_keys
from normalise.record import ROW_TABLES
from slippage.big_report import MENTION_TABLES, WHOLE_REPORT_MAX, IdRuns, report_slices
from slippage.copies import mark_copies, renumbered
from slippage.corrections import CorrectionRun
from slippage.result import FileResult
from slippage.store import FileSummary, ResultStore

# Rows buffered before a chunk is sorted and written: bounds memory, while keeping the
# per-chunk cost of building frames small (~2,000 exceptions carry ~15 MB of text).
CHUNK_EXCEPTIONS = 500
Keys = Mapping[str, tuple[str, str]]  # exception_id -> (project_key, why it was linked)
Chunk = dict[str, list[dict[str, Any]]]
Part = tuple[str, Any]
PartsOf = Callable[[int, frozenset[str] | None], Iterator[Part]]  # input index, part names -> its parts, lazily
ROW_PARTS = frozenset(ROW_TABLES)


@dataclass(frozen=True, slots=True)
class _Keyed:
    """One exception's part in the `projects` table."""

    exception_id: str
    report_id: str
    project: str
    report_period: str | None
    position: int


def write_batch(summaries: Sequence[FileSummary], parts: PartsOf, out_dir: Path,
                aliases: dict[str, str] | None = None, corrections: CorrectionRun | None = None) -> list[Path]:
    """Given every file's summary in input order, a way to read back each file's row parts
    (`ResultStore.parts`), a folder and the run's review corrections, link reports and
    projects across files, apply the corrections and write every table and the database.

    Each table is written atomically; the row tables are renamed into place only once
    every table has been written, so a failure leaves the previous ones as they were.
    """
    mark_copies(summaries)
    for s in summaries:  # copies are found; the write needs no fingerprint (an 80 MB export's: ~100 MiB)
        s.fingerprint = Fingerprint()
    corrections = corrections or CorrectionRun()
    corrections.correct_summaries(summaries)  # dropped rows and corrected names count in identity and `projects`
    keys = _project_keys(summaries, aliases)
    small = {
        "reports": to_frame("reports", [s.report for s in summaries]),
        "projects": to_frame("projects", _projects(summaries, keys)),
        "tables": to_frame("tables", [t for s in summaries for t in s.tables]),
    }
    with ExitStack() as stack:
        sinks = {name: stack.enter_context(TableSink(out_dir, name)) for name in ROW_TABLES}
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=".rows-", dir=out_dir)))
        _write_rows(summaries, parts, keys, corrections, sinks, scratch)
        written = {name: sink.finish(to_frame(name, []))["parquet"] for name, sink in sinks.items()}
        small["timeline"] = timeline_frame({**small, **written})
        small["changes"] = changes_frame(small["reports"], small["timeline"])
        small["applied_corrections"] = corrections.log_frame(APPLIED_CORRECTIONS_COLUMNS)
        paths = [p for name, df in small.items() for p in write_table(out_dir, name, df)]
        paths += [p for sink in sinks.values() for p in sink.commit()]
    final: dict[str, Source] = {name: out_dir / f"{name}.parquet" for name in ROW_TABLES}
    return [*paths, write_database({**small, **final}, out_dir)]


def write_results(results: Sequence[FileResult], out_dir: Path, aliases: dict[str, str] | None = None) -> list[Path]:
    """Given full results in input order (held in memory) and a folder, write every table."""
    store = ResultStore()
    summaries = [store.add(i, r, source_file=r.report["source_file"], in_cache=False) for i, r in enumerate(results)]
    return write_batch(summaries, store.parts, out_dir, aliases)


def _write_rows(summaries: Sequence[FileSummary], parts: PartsOf, keys: Keys, corrections: CorrectionRun,
                sinks: Mapping[str, TableSink], scratch: Path) -> None:
    """Given the summaries, their parts, the project keys, the corrections, the row tables' sinks and a
    scratch folder, write every report's rows: whole reports in chunks, a big one in slices (`slippage.big_report`)."""
    for raw, runs in _chunks(summaries, parts, keys, scratch):
        chunk = corrections.apply(raw)
        if runs is None:
            for name in ROW_TABLES:
                sinks[name].append(to_frame(name, chunk[name]))
            continue
        sinks["exceptions"].append(to_frame("exceptions", chunk["exceptions"]))
        for name in MENTION_TABLES:
            runs[name].add(chunk[name])
        if not any(raw.values()):  # the big report's end: its mention rows, in the tables' order
            for name in MENTION_TABLES:
                for rows in runs[name].merged():
                    sinks[name].append(to_frame(name, rows))


def _chunks(summaries: Sequence[FileSummary], parts: PartsOf, keys: Keys,
            scratch: Path) -> Iterator[tuple[Chunk, dict[str, IdRuns] | None]]:
    """Yield the row tables' rows in chunks of whole reports, in report_id order, each with None; a big
    report's in slices, each with the runs its mention rows go to, and then an empty chunk (its end).

    Every table's sort key starts with the report (exception ids begin with the report
    id), so sorting each chunk gives the order a sort of the whole table would. Files
    sharing a report id (byte-identical copies) go in one chunk, in input order, as a
    stable sort of the whole table would keep them. A copy's rows carry its own new ids.
    Amount ids are given after that renumbering (they begin with the exception id).
    """
    order = sorted((i for i, s in enumerate(summaries) if s.names), key=lambda i: summaries[i].report["report_id"])
    chunk: Chunk = {name: [] for name in ROW_TABLES}
    for _, same in groupby(order, key=lambda i: summaries[i].report["report_id"]):
        for i in same:
            if len(summaries[i].names) > WHOLE_REPORT_MAX:
                if chunk["exceptions"]:
                    yield chunk, None
                    chunk = {name: [] for name in ROW_TABLES}
                yield from _slices(summaries[i], partial(parts, i), keys, scratch)
                continue
            rows: Chunk = {name: [] for name in ROW_TABLES}
            for name, value in parts(i, ROW_PARTS):
                rows[name] += value
            old = next((row["report_id"] for row in rows["exceptions"]), summaries[i].report["report_id"])
            for name, keyed in _keyed(rows, summaries[i].report, old, keys).items():
                chunk[name] += keyed
        if len(chunk["exceptions"]) >= CHUNK_EXCEPTIONS:
            yield chunk, None
            chunk = {name: [] for name in ROW_TABLES}
    yield chunk, None


def _slices(summary: FileSummary, parts: Callable[[frozenset[str]], Iterator[Part]], keys: Keys,
            scratch: Path) -> Iterator[tuple[Chunk, dict[str, IdRuns]]]:
    """Given a big report's summary, its parts, the keys and a scratch folder, yield its rows a slice at a time
    with the runs of its mention rows, then an empty chunk."""
    runs = {name: IdRuns(scratch / name) for name in MENTION_TABLES}
    old = None
    for rows in report_slices(parts):
        old = old or next((row["report_id"] for row in rows["exceptions"]), summary.report["report_id"])
        yield _keyed(rows, summary.report, old, keys), runs
    yield {name: [] for name in ROW_TABLES}, runs


def _keyed(rows: Chunk, report: dict[str, Any], old: str, keys: Keys) -> Chunk:
    """Given rows of whole exceptions of one report read under id `old`, its final `reports` row and the
    project keys, return them renumbered, with project keys, `is_primary` and amount ids."""
    new, primary = report["report_id"], is_primary(report)
    exceptions = renumbered("exceptions", rows["exceptions"], old, new)
    return {
        "exceptions": [dict(row, project_key=keys.get(row["exception_id"], ("", ""))[0], is_primary=primary)
                       for row in exceptions],  # a row with no key is dropped by a correction
        "amounts": with_amount_ids(renumbered("amounts", rows["amounts"], old, new)),
        "years": renumbered("years", rows["years"], old, new),
        "entities": renumbered("entities", rows["entities"], old, new),
    }


def _project_keys(summaries: Sequence[FileSummary], aliases: dict[str, str] | None) -> dict[str, tuple[str, str]]:
    """Given summaries, return {exception_id: (project_key, why linked)}."""
    occurrences = {}
    for s in summaries:
        rid = s.report["duplicate_of"] or s.report["report_id"]
        for row in s.names:
            occurrences[row.exception_id] = NameOccurrence(row.project, rid, row.report_period, row.programme)
    assigned = assign_keys(list(occurrences.values()), aliases=aliases)
    return {eid: (assigned[occ].project_key, assigned[occ].reason) for eid, occ in occurrences.items()}


def _projects(summaries: Sequence[FileSummary], keys: Keys) -> list[dict[str, Any]]:
    """Given summaries and their exceptions' keys, return one `projects` row per key (copies of a report count once)."""
    primary = {s.report["report_id"] for s in summaries if not s.report["duplicate_of"]}
    by_key: dict[str, list[_Keyed]] = defaultdict(list)
    for s in summaries:
        for n in s.names:
            by_key[keys[n.exception_id][0]].append(
                _Keyed(n.exception_id, s.report["report_id"], n.project, n.report_period, n.position))
    out = []
    for key, rows in by_key.items():
        counted = [r for r in rows if r.report_id in primary] or rows
        periods = sorted({r.report_period for r in counted if r.report_period})
        latest = max(counted, key=lambda r: (r.report_period or "", r.report_id, r.position))
        out.append({
            "project_key": key, "name": latest.project,
            "aliases": json.dumps(sorted({r.project for r in rows}), ensure_ascii=False),
            "first_period": periods[0] if periods else None, "last_period": periods[-1] if periods else None,
            "n_reports": len({r.report_id for r in counted}),
            "link_reasons": json.dumps(sorted({keys[r.exception_id][1] for r in rows}), ensure_ascii=False),
        })
    return out

