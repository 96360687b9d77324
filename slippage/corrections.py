"""A batch's corrections: applied to each chunk of rows as it is written, then accounted for in run.json.

`CorrectionRun` is made once per run from the corrections file (`--corrections FILE`,
else OUT/corrections.csv when present). The batch hands it every chunk of whole reports
after extraction or a cache hit, so corrections apply on every run and survive the cache;
it keeps the log (`applied_corrections`), the targets met, and each primary card's
sampling weight as extracted, for the accuracy estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from export.review.accuracy import measure
from export.review.cards import Mentions, flags_for
from export.review.sample import flag_weights
from normalise.corrections.apply import apply_corrections, orphan_rows, orphans
from normalise.corrections.file import CORRECTIONS_FILE, Correction, corrections_path, read_corrections
from normalise.record import ROW_TABLES
from slippage.store import FileSummary

__all__ = ["CORRECTIONS_FILE", "CorrectionRun", "corrections_path"]

Chunk = dict[str, list[dict[str, Any]]]


@dataclass(slots=True)
class CorrectionRun:
    """One run's corrections and what they did.

    Attributes:
        corrections: the checked lines of the file (none: nothing to apply, columns still added).
        applied_at: the run's time, written in the log.
        sample: the `--sample N` the reviewed cards were drawn with (None: every card shown).
        seed: its `--seed`.
        source: the corrections file, for run.json.
    """

    corrections: tuple[Correction, ...] = ()
    applied_at: str = ""
    sample: int | None = None
    seed: int = 0
    source: Path | None = None
    log: list[dict[str, Any]] = field(default_factory=list)
    met: set[str] = field(default_factory=set)
    weights: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: Path | None, applied_at: str, *, sample: int | None = None, seed: int = 0) -> CorrectionRun:
        """Given the corrections file (or None), the run's time and the review's sample design, return the run's corrections.

        Raises:
            CorrectionsError: the file is malformed; the message names the line.
        """
        corrections = read_corrections(path) if path is not None else ()
        return cls(corrections, applied_at, sample, seed, path)

    def correct_summaries(self, summaries: Sequence[FileSummary]) -> None:
        """Given the batch's summaries (ids final), take dropped rows out of their names and put corrected
        project and programme names in, so project identity, `projects` and `reports.n_exceptions` follow."""
        dropped = {c.target_id for c in self.corrections if c.verdict == "drop" and c.table == "exceptions"}
        named = {(c.target_id, c.field): c.value for c in self.corrections
                 if c.changes_value and c.field in ("project", "programme")}
        touched = dropped | {target for target, _ in named}
        for s in summaries:
            if not any(n.exception_id in touched for n in s.names):
                continue
            s.names = tuple(replace(n, project=named.get((n.exception_id, "project"), n.project),
                                    programme=named.get((n.exception_id, "programme"), n.programme))
                            for n in s.names if n.exception_id not in dropped)
            s.report["n_exceptions"] = len(s.names)

    def apply(self, chunk: Chunk) -> Chunk:
        """Given a chunk of whole reports' rows (exceptions with is_primary, amounts with amount_id), return it corrected."""
        if self.corrections:  # cards' weights as extracted: the review drew its sample from those
            mentions = Mentions.group(chunk.get("amounts", []), chunk.get("years", []))
            self.weights.update(flag_weights({row["exception_id"]: flags_for(row, mentions)
                                              for row in chunk.get("exceptions", []) if row.get("is_primary", True)}))
        done = apply_corrections(self.corrections, chunk, self.applied_at)
        self.log += done.log
        self.met |= done.met
        return {name: done.tables.get(name, chunk.get(name, [])) for name in ROW_TABLES}

    def log_frame(self, columns: list[str]) -> pd.DataFrame:
        """Given the log's column order, return the `applied_corrections` table, in file order."""
        frame = pd.DataFrame(self.log, columns=columns)
        frame["line"] = pd.array(frame["line"], dtype="Int64")
        return frame.sort_values(["line", "target_id"], kind="stable").reset_index(drop=True)

    def summary(self) -> dict[str, Any]:
        """Return what run.json records: the file, counts, the orphaned corrections and the accuracy measured."""
        if self.source is None:
            return {}
        lost = orphan_rows(orphans(self.corrections, self.met))
        accuracy = measure([c for c in self.corrections if c.target_id in self.met], self.weights,
                           sample=self.sample, seed=self.seed)
        return {"corrections": {"file": str(self.source), "lines": len(self.corrections),
                                "applied": sum(1 for r in self.log if r["corrected_value"] is not None or r["verdict"] == "drop"),
                                "orphaned": lost},
                "accuracy": accuracy}

