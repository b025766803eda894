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
