"""The ``citeport`` command line: thin over the API; prints diagnostics, sets exit codes.

Exit status: 0 success, 1 some records were skipped (the rest were written), damaged input was
repaired, or (--strict) a field was lost, 2 usage or input error, 130 interrupted.
"""
from __future__ import annotations

import argparse
import io
import itertools
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NoReturn, TextIO

from . import api
from .model.diagnostics import CiteportError, Context, Diagnostic
from .model.item import Item, UniqueIds
from .sources import Source

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2

EPILOG_MAIN = """\
examples:
  citeport convert page.txt --to ris            PubMed page text -> RIS (for Zotero, EndNote, Mendeley)
  citeport convert refs.bib --to csl-json -o refs.json
  cat export.nbib | citeport convert - --to bibtex
  citeport format page.txt --style apa          the APA reference
  citeport format refs.json --style vancouver --output html
  citeport formats                              what can be read and written
  citeport styles harvard                       styles whose name or title mention 'harvard'

'-' is standard input or output; messages go to standard error (quiet by default, -v for more).
exit status: 0 done; 1 some records skipped, damaged input repaired, or (--strict) a field lost;
  2 usage or input error (no such file, empty, binary or unrecognised input); 130 interrupted.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


class Reporter:
    """Prints diagnostics to stderr: warnings and errors always, info with --verbose."""

    def __init__(self, verbose: bool = False, quiet: bool = False, stream: TextIO | None = None):
        self.verbose = verbose
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.skipped = 0
        self.records = 0
        self.errors = 0  # error diagnostics for records that were kept (damaged input repaired)
        self._bar = None

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stream)  # keeps the progress line intact
        else:
            print(message, file=self.stream)

    def show(self, diag: Diagnostic) -> None:
        if diag.level == "info" and not self.verbose:
            return
        if diag.level == "warning" and self.quiet:
            return
        if diag.level == "error":
            self.errors += 1
        self.say(f"citeport: {diag}")

    def progress(self, label: str) -> Any:
        """A records counter on a terminal, shown only when reading takes over a second (tqdm)."""
        if self.quiet or not getattr(self.stream, "isatty", lambda: False)():
            return None
        from tqdm import tqdm

        self._bar = tqdm(desc=f"citeport: {label}", unit=" records", file=self.stream, leave=False,
                         delay=1.0, mininterval=0.5, dynamic_ncols=True)
        return self._bar

    def end_progress(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def info(self, message: str) -> None:
        if self.verbose:
            self.say(f"citeport: {message}")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return n


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="store_true", help="say what is being done, and every info message")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only, not warnings")


def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files; '-' reads standard input")
    p.add_argument("-f", "--from", dest="from_format", metavar="FMT",
                   help="input format (default: sniffed from the content); see 'citeport formats'")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="citeport",
        description="Turn bibliographic records (PubMed pages, MEDLINE, PubMed XML and CSV, JATS, RIS, BibTeX, "
                    "EndNote XML, CSL-JSON/YAML) into correct citations and clean reference-manager files.",
        epilog=EPILOG_MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"citeport {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("convert", help="convert records between formats",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport convert page.txt --to ris\n"
                              "  citeport convert pubmed.xml.gz --to csl-json -o items.json\n"
                              "  citeport convert - --from medline --to bibtex < export.nbib\n")
    _add_input(p)
    p.add_argument("-t", "--to", required=True, metavar="FMT", help="output format: csl-json, ris, bibtex, biblatex, jats, ...")
    p.add_argument("-o", "--output", metavar="FILE", default="-", help="write here instead of standard output")
    p.add_argument("--report", action="store_true", help="print, per record, every field dropped, down-converted or guessed")
    p.add_argument("--strict", action="store_true", help="treat any loss of a field as an error (exit 1)")
    p.add_argument("--refs", action="store_true",
                   help="JATS input: also output each reference of the <ref-list> as a record")
    p.add_argument("--jobs", type=_positive_int, metavar="N",
                   help="processes for reading a large PubMed XML file (default: CPUs, at most 4; 1: one)")
    _enrich_options(p)
    _add_common(p)
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("format", help="format citations or a bibliography in a CSL style",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport format page.txt --style apa\n"
                              "  citeport format refs.bib --style vancouver --output html\n"
                              "  citeport format items.json --style chicago-author-date --citations\n"
                              "  citeport format refs.ris --style ./my-style.csl\n")
    _add_input(p)
    p.add_argument("-s", "--style", default="apa", help="style name (see 'citeport styles') or .csl path (default: apa)")
    p.add_argument("-l", "--locale", default=None,
                   help="locale, e.g. en-GB, de-DE (default: the style's default-locale, else en-US)")
    p.add_argument("--output", dest="output_format", default="text",
                   help="text, html, rtf, markdown or jats (default: text)")
    p.add_argument("--citations", action="store_true", help="print in-text citations instead of the bibliography")
    p.add_argument("--cite", action="append", metavar="CLUSTER",
                   help="a citation cluster, e.g. 'id1,id2:p. 5;id3' or '-id4' (suppress author); repeatable; implies --citations")
    p.add_argument("--cites-file", metavar="FILE", help="JSON list of clusters: [[{\"id\":..., \"locator\":..., \"label\":..., \"prefix\":...}], ...]")
    p.add_argument("-o", "--out", dest="output", metavar="FILE", default="-", help="write here instead of standard output")
    _enrich_options(p)
    _add_common(p)
    p.set_defaults(func=cmd_format)

    p = sub.add_parser("formats", help="list the formats that can be read and written",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport formats                  name, R/W, origin (built-in or plugin), aliases\n"
                              "  citeport convert x.nbib --from medline --to ris   a name or an alias from the list\n")
    _add_common(p)
    p.set_defaults(func=cmd_formats)

    p = sub.add_parser("styles", help="list citation styles, optionally those matching WORD",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport styles                   every style: name, title, origin\n"
                              "  citeport styles harvard           styles whose name or title mention 'harvard'\n"
                              "  citeport format refs.ris --style elsevier-harvard   use a listed name\n"
                              "\norder: the style named WORD (or its alias: ama, mla, harvard...) first, then names\n"
                              "  starting with WORD, then names or titles with WORD as a whole word, then the rest\n")
    p.add_argument("word", nargs="?", help="part of a style's name or title (best matches first)")
    _add_common(p)
    p.set_defaults(func=cmd_styles)

    for hook in EXTRA_COMMANDS:
        hook(sub)
    return parser


#: Functions that add further subcommands (fetch, journals...) to the parser.
EXTRA_COMMANDS: list[Callable[["argparse._SubParsersAction[Any]"], None]] = []

# Online look-ups (issue 7): fetch/journals commands, --enrich for convert and format.
from .enrich.cli import add_commands as _enrich_commands, add_options as _enrich_options, maybe_enrich  # noqa: E402

EXTRA_COMMANDS.append(_enrich_commands)


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with api.atomic_output(path) as fh:
        yield fh


def iter_inputs(args: argparse.Namespace, rep: Reporter,
                ctx_options: dict[str, Any] | None = None) -> Iterator[Item]:
    """Items from every input in turn (ids unique across them); diagnostics are printed as they come."""
    ids = UniqueIds()
    for name in args.inputs:
        ctx = Context(source="<stdin>" if name == "-" else name, options=dict(ctx_options or {}),
                      sink=rep.show)  # shown as they come, not kept: flat memory on huge files
        try:
            rep.info(f"reading {ctx.source}")
            bar = rep.progress(ctx.source or name)
            before = rep.records
            for item in api.iter_read(name, args.from_format, ctx=ctx, ids=ids):
                rep.records += 1
                if bar is not None:
                    bar.update()
                yield item
            if args.from_format and name != "-" and not ctx.skipped:
                _wrong_from(name, args.from_format, rep, read=rep.records - before)
        finally:
            rep.end_progress()
            rep.skipped += ctx.skipped


#: ``--from X`` on a file is questioned when X's own sniff scores it below the first figure and
#: another format's at least the second: MEDLINE and RIS tag lines look alike to a reader (``--from
#: nbib`` on a RIS file reads garbage records), not to the sniffers, which look at the tags.
WRONG_FROM_OWN, WRONG_FROM_OTHER = 0.2, 0.5


def _looks_like(name: str, given: str) -> str | None:
    """The format the file *name* clearly is when it is clearly not *given*, else None."""
    from .formats.registry import REGISTRY

    fmt = REGISTRY.get(given)
    if fmt.sniff is None:  # a plugin that cannot tell: no grounds to question it
        return None
    try:
        head = Source.from_path(Path(name)).head()
        own = float(fmt.sniff(head))
        best, score = REGISTRY.sniff(head, name)
    except Exception:  # unreadable here: reading itself reports it
        return None
    if best is None or best.name == fmt.name or own >= WRONG_FROM_OWN or score < WRONG_FROM_OTHER:
        return None
    return best.name


def _wrong_from(name: str, given: str, rep: Reporter, read: int) -> None:
    """Say what the file looks like when --from disagrees with it: nothing read (``--from bibtex``
    on a RIS file: the reason for the error that follows, so shown even with -q), or records read
    that are likely garbage (``--from nbib`` on a RIS file: a warning)."""
    from .formats.registry import REGISTRY

    if read:
        sniffed = _looks_like(name, given)
        if sniffed and not rep.quiet:
            rep.say(f"citeport: {name}: warning: read {_records(read)} as {REGISTRY.get(given).name}, but the "
                    f"file looks like {sniffed} (leave out --from, or give --from {sniffed})")
        return
    try:
        sniffed = api.detect(name).name
    except CiteportError:
        return
    if sniffed != REGISTRY.get(given).name:
        rep.say(f"citeport: {name}: warning: no {given} record found; the file looks like {sniffed} "
                f"(leave out --from, or give --from {sniffed})")


def _records(n: int) -> str:
    return f"{n} record" if n == 1 else f"{n} records"


def _finish(rep: Reporter, what: str) -> int:
    if rep.records == 0:
        if rep.skipped:
            raise CiteportError(f"no record could be read ({rep.skipped} skipped)")
        raise CiteportError("no records found in the input")
    # -q prints errors only: each skipped or damaged record was already said as an error, and the
    # exit status (1) says it again, so the count is not repeated
    if rep.skipped:
        if not rep.quiet:
            print(f"citeport: {what} {_records(rep.records)}, skipped {rep.skipped}", file=sys.stderr)
        return EXIT_SKIPPED
    if rep.errors:  # every record came through, but the input was damaged: say so in the status too
        if not rep.quiet:
            print(f"citeport: {what} {_records(rep.records)}, with {rep.errors} error(s) in the input",
                  file=sys.stderr)
        return EXIT_SKIPPED
    rep.info(f"{what} {_records(rep.records)}")
    return EXIT_OK


def _primed(items: Iterable[Item]) -> Iterator[Item]:
    """*items* with the first one already read: an input that fails at once (no such file, not a
    bibliography) fails before the writer has put a header ("[", "<xml>") on standard output."""
    it = iter(items)
    for first in it:
        return itertools.chain((first,), it)
    return iter(())


def cmd_convert(args: argparse.Namespace) -> int:
    from .formats.registry import REGISTRY

    rep = Reporter(args.verbose, args.quiet)
    fmt = REGISTRY.get(args.to)
    if not fmt.can_write:
        raise CiteportError(f"format {fmt.name!r} cannot be written")
    lost = [0]  # what --strict counts: "filled" (a reader will derive title-short) loses nothing

    def show_write(d: Diagnostic, counted: bool = True) -> None:
        if not d.is_loss:
            rep.show(d)
            return
        if counted and d.code != "filled":
            lost[0] += 1
        if args.report or args.strict:
            msg = d.message  # writers often start the message with the field: say it once
            if d.field and msg.startswith(f"{d.field}: "):
                msg = msg[len(d.field) + 2:]
            rep.say(f"citeport: {d.record or ''}: {d.code} {d.field}: {msg}")

    wctx = Context(source=args.output if args.output != "-" else "<stdout>", sink=show_write)
    # provenance ("filled") is shown by --report, not counted by --strict
    ectx = Context(source="enrich", sink=lambda d: show_write(d, counted=False))
    options = {"refs": True} if args.refs else {}
    if args.jobs is not None:
        options["jobs"] = args.jobs
    items = _primed(maybe_enrich(iter_inputs(args, rep, options), args, ectx))
    with _output(args.output) as out:
        api.write(items, fmt.name, out=out, ctx=wctx)
    losses = lost[0]
    code = _finish(rep, "converted")
    if args.strict and losses:
        print(f"citeport: --strict: {losses} field(s) not kept as they were", file=sys.stderr)
        return max(code, EXIT_SKIPPED)
    return code


#: Identifier variables a cited id may name instead of the item's own id (``--cite pmid:22943560``).
CITE_ALIASES = {"PMID": "pmid:", "PMCID": "pmcid:", "DOI": "doi:"}


def _cite_aliases(items: list[Item]) -> dict[str, str]:
    """``{"pmid:22943560": item id, ...}`` (lower case) for ids that are not themselves item ids:
    an item read as ``doi:…`` can still be cited by its PMID, as the README's examples do."""
    own = {str(i.get("id", "")).lower() for i in items}
    aliases: dict[str, str] = {}
    for item in items:
        for var, prefix in CITE_ALIASES.items():
            value = str(item.get(var) or "").strip().lower()
            key = prefix + value
            if value and key not in own:
                aliases.setdefault(key, str(item.get("id", "")))
    return aliases


def cmd_format(args: argparse.Namespace) -> int:
    from .render import render
    from .render.outputs import FORMATTERS, OUTPUTS

    if args.output_format.lower() not in FORMATTERS:  # before reading; `--output refs.txt` as in convert
        looks_like_file = "." in args.output_format or "/" in args.output_format
        hint = f"; to write a file use -o {args.output_format}" if looks_like_file else ""
        raise CiteportError(f"unknown --output {args.output_format!r} (choose from {', '.join(OUTPUTS)}){hint}")
    rep = Reporter(args.verbose, args.quiet)
    ectx = Context(source="enrich")
    items = list(maybe_enrich(iter_inputs(args, rep), args, ectx))
    for d in ectx.diagnostics:
        rep.show(d)
    code = _finish(rep, "formatted")
    rctx = Context(source="render")
    from .render.clusters import parse_cite_args

    aliases = _cite_aliases(items)
    clusters = parse_cite_args(args.cite, args.cites_file,
                               [str(i.get("id", "")) for i in items] + list(aliases))
    for ref in (r for cluster in clusters for r in cluster):
        ref.id = aliases.get(ref.id.lower(), ref.id)
    text = render(items, args.style, args.locale, args.output_format,
                  citations=clusters or args.citations, ctx=rctx)
    for d in rctx.diagnostics:
        rep.show(d)
    with _output(args.output) as out:
        out.write(text)
    return code


def cmd_formats(args: argparse.Namespace) -> int:
    from .formats.registry import REGISTRY

    rows = []
    for f in api.formats():
        mode = ("r" if f.can_read else "-") + ("w" if f.can_write else "-")
        rows.append((f.name, mode, ", ".join(f.aliases), f.origin, f.description))
    width = max(len(r[0]) for r in rows)
    owidth = max(len(r[3]) for r in rows)  # plugin origins ("plugin dist 1.0") are longer
    print(f"{'FORMAT':<{width}}  R/W  {'ORIGIN':<{owidth}}  DESCRIPTION (aliases)")
    for name, mode, aliases, origin, desc in rows:
        extra = f" ({aliases})" if aliases else ""
        print(f"{name:<{width}}  {mode:<3}  {origin:<{owidth}}  {desc}{extra}")
    for problem in REGISTRY.problems:
        print(f"citeport: warning: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_styles(args: argparse.Namespace) -> int:
    from .render import styles

    found = styles(args.word)
    for s in found:
        print(f"{s.name}\t{s.title}\t{s.origin}")
    if not found:
        print(f"citeport: no style matches {args.word!r}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _utf8_stdout() -> None:
    """Files and pipes get UTF-8 whatever the locale (``LC_ALL=C``, ``PYTHONUTF8=0``, Latin-1): every
    format citeport writes is UTF-8, and its XML says so; a terminal in such a locale keeps its own
    encoding, with "?" for a character it lacks, rather than the run ending on an encoding error."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8") or not isinstance(out, io.TextIOWrapper):
        return
    try:
        out.reconfigure(errors="replace") if out.isatty() else out.reconfigure(encoding="utf-8")
    except (ValueError, OSError):  # closed, or already written to: leave it as it is
        pass


#: Arguments that name files: kept as the bytes the shell gave, which is how the file system knows them.
PATH_DESTS = frozenset({"inputs", "output", "cites_file"})


def _utf8_arg(value: str) -> str:
    """An argument that arrived as surrogate escapes (``LC_ALL=C PYTHONUTF8=0``: "zürich" as
    "z\udcc3\udcbcrich") read as the UTF-8 it nearly always is; an existing path is left as it is."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value) or os.path.exists(value):
        return value
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeError, ValueError):
        return value


def _utf8_args(args: argparse.Namespace) -> None:
    """:func:`_utf8_arg` on every text argument (style, word, locale, --cite...), not on file names."""
    for dest, value in vars(args).items():
        if dest in PATH_DESTS:
            continue
        if isinstance(value, str):
            setattr(args, dest, _utf8_arg(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, dest, [_utf8_arg(v) for v in value])


def main(argv: list[str] | None = None) -> int:
    _utf8_stdout()
    parser = build_parser()
    args = parser.parse_args(argv)
    _utf8_args(args)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args.func(args))
    except CiteportError as exc:
        print(f"citeport: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `citeport ... | head` is fine
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in citeport: one clear line, the traceback only on request
        if getattr(args, "verbose", False):
            raise
        print(f"citeport: internal error: {type(exc).__name__}: {exc} (a bug in citeport; --verbose shows "
              "where)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
