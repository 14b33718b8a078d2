"""What an import found: counts, the first rows of each outcome, and every problem."""

from collections import Counter
from dataclasses import dataclass, field

MAX_PROBLEMS = 500
MAX_SAMPLES = 10
OUTCOMES = ("created", "updated", "unchanged")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column:
            where.append(f"column {self.column}" if where else f"Column {self.column}")
        message = self.message[:1].upper() + self.message[1:] if not where else self.message
        return f"{', '.join(where)}: {message}" if where else message


@dataclass(frozen=True)
class Sample:
    row: int
    key: str
    changes: tuple[tuple[str, str, str], ...] = ()  # (column, before, after)


@dataclass
class Report:
    filename: str
    kind: str = ""
    dry_run: bool = True
    rows: int = 0
    counts: Counter = field(default_factory=Counter)
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {o: [] for o in OUTCOMES})
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))

    def outcome(self, outcome: str, sample: Sample) -> None:
        self.counts[outcome] += 1
        if len(self.samples[outcome]) < MAX_SAMPLES:
            self.samples[outcome].append(sample)

    def summary(self) -> str:
        counts = ", ".join(f"{self.counts[o]} {o}" for o in OUTCOMES)
        if not self.ok:
            verdict = f"{self.problem_count} problem(s): nothing was written"
        elif self.written:
            verdict = "written"
        else:
            verdict = "dry run: nothing was written"
        return f"{self.kind or 'file'} {self.filename}: {self.rows} rows, {counts}; {verdict}."
