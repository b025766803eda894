"""What readers and writers report: problems and losses as values, never prints.

A reader or writer receives a :class:`Context` and calls :meth:`Context.report`;
the CLI prints the collected :class:`Diagnostic` objects, the API returns them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Literal

Level = Literal["error", "warning", "info"]

#: Codes used for the loss/provenance report (``--report``).  A loss is a
#: field that the target could not hold as it was.
LOSS_CODES = ("dropped", "down-converted", "guessed", "filled")


@dataclass(frozen=True)
class Diagnostic:
    """One message about one input or output.

    ``record`` is a human label (``record 3``, ``PMID 22943560``) and ``line``
    the 1-based line where the record or the problem starts, when known.
    ``code`` classifies the message (``missing-field``, ``skipped``, ``dropped``,
    ``down-converted``, ``guessed``, ``filled``...); ``field`` names the CSL
    variable concerned.
    """

    level: Level
    message: str
    source: str | None = None
    record: str | None = None
    line: int | None = None
    code: str | None = None
    field: str | None = None

    @property
    def is_loss(self) -> bool:
        return self.code in LOSS_CODES

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.record:
            parts.append(self.record)
        parts.append(f"{self.level}: {self.message}")
        return ": ".join(parts)


@dataclass
class Context:
    """Collects diagnostics for one read or write.

    ``options`` carries format options (``refs=True`` for JATS reference
    lists, ``key_style=...`` for BibTeX...), so that every format takes the
    same call signature.  With a ``sink``, each diagnostic is handed to it as
    it happens instead of being kept, so streaming a huge file keeps memory
    flat; ``losses`` counts the loss reports either way.
    """

    source: str | None = None
    options: dict = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: int = 0
    sink: Callable[[Diagnostic], None] | None = None
    losses: int = 0

    def report(
        self,
        level: Level,
        message: str,
        *,
        record: str | int | None = None,
        line: int | None = None,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        if isinstance(record, int):
            record = f"record {record}"
        diag = Diagnostic(level, message, self.source, record, line, code, field)
        if diag.is_loss:
            self.losses += 1
        if self.sink is not None:
            self.sink(diag)
        else:
            self.diagnostics.append(diag)

    def skip(self, message: str, *, record: str | int | None = None, line: int | None = None) -> None:
        """Report a record that could not be read and is left out."""
        self.skipped += 1
        self.report("error", message, record=record, line=line, code="skipped")

    def loss(self, kind: str, field: str, message: str, *, record: str | int | None = None) -> None:
        """Report a field the target could not hold as it was (see LOSS_CODES)."""
        assert kind in LOSS_CODES, kind
        self.report("info", message, record=record, code=kind, field=field)

    def errors(self) -> Iterator[Diagnostic]:
        return (d for d in self.diagnostics if d.level == "error")


class CiteportError(Exception):
    """An error the user can act on; the CLI prints it in one line, exit 2."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message
