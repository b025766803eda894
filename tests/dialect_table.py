"""The agreement table the dialect differential tests print (``pytest -s``): one row per field, one
column per dialect, "agreeing/compared" in each cell, "-" where the dialect cannot carry the field."""
from __future__ import annotations

from typing import Iterable


def print_table(title: str, fields: Iterable[str], dialects: Iterable[str],
                table: dict[str, dict[str, list[int]]], width: int = 8) -> None:
    names = list(dialects)
    print(f"\n{title} dialect agreement (agreeing/compared; '-' = the dialect cannot carry it)")
    print(f"{'field':16}" + "".join(f"{n[:width - 1]:>{width}}" for n in names) + f"{'all':>9}")
    for field in fields:
        row, ok, n = [], 0, 0
        for name in names:
            a, b = table[field].get(name, [0, 0])
            ok, n = ok + a, n + b
            row.append(f"{a}/{b}" if b else "-")
        print(f"{field:16}" + "".join(f"{c:>{width}}" for c in row) + f"{(ok / n if n else 1):>9.0%}")


def tally(table: dict, misses: list, name: str, pairs: Iterable[tuple[dict, dict]], fields: Iterable[str],
          compare) -> None:
    """Count one dialect's agreement into *table* (field -> dialect -> [agreeing, compared]).

    *pairs* are (source item, item read back); ``compare(field, source, got)`` gives (expected, read)
    or None when the dialect cannot carry the field.  Each disagreement is appended to *misses* as
    (dialect, field, record id, expected, read).
    """
    fields = list(fields)
    for src, got in pairs:
        for field in fields:
            result = compare(field, src, got)
            if result is None:
                continue
            exp, val = result
            cell = table[field][name]
            cell[1] += 1
            if exp == val:
                cell[0] += 1
            else:
                misses.append((name, field, src.get("id", "?"), exp, val))


def report_and_check(title: str, fields: Iterable[str], dialects: dict, table: dict, misses: list,
                     known: dict, floor: dict[str, float], width: int = 8) -> None:
    """Print the table, every disagreement (KNOWN or MISS) and what each dialect cannot carry; fail when
    a field falls below its floor or a disagreement is not listed in *known*."""
    fields = list(fields)
    print_table(title, fields, dialects, table, width=width)
    for m in misses:
        print(f"  {'KNOWN' if (m[0], m[1]) in known else 'MISS '} {m[0]:13} {m[1]:15} {m[2]}: "
              f"expected {m[3]!r:.90} got {m[4]!r:.90}")
    for name, d in dialects.items():
        if getattr(d, "reasons", None):
            print(f"  {name}: " + "; ".join(f"{k}: {v}" for k, v in d.reasons.items()))
    for field in fields:
        ok = sum(c[0] for c in table[field].values())
        n = sum(c[1] for c in table[field].values())
        assert not n or ok / n >= floor[field], f"{field}: {ok}/{n} below floor {floor[field]}"
    unknown = [m for m in misses if (m[0], m[1]) not in known]
    assert not unknown, f"{len(unknown)} unexplained disagreements, first: {unknown[:3]}"
