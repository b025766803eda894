"""The online parts of the command line: ``fetch``, ``journals`` and ``--enrich`` for convert/format.

``citeport.cli`` stays thin: it calls :func:`add_options` on the convert and
format parsers, passes its items through :func:`maybe_enrich`, and registers
:func:`add_commands` in ``EXTRA_COMMANDS``.
"""
from __future__ import annotations

import argparse
import re
import sys
from typing import Iterable, Iterator

from ..model.diagnostics import CiteportError, Context
from ..model.item import Item
from .config import environment_help

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2


def add_options(p: argparse.ArgumentParser, *, enrich_switch: bool = True) -> None:
    g = p.add_argument_group("online look-up (off unless asked for)")
    if enrich_switch:
        g.add_argument("--enrich", action="store_true",
                       help="complete records from PubMed, PMC and Crossref by their DOI/PMID/PMCID")
        g.add_argument("--prefer", choices=("local", "remote"), default="local",
                       help="on a conflict keep the record's value (local, default) or take the service's")
    g.add_argument("--offline", action="store_true", help="use cached answers only, never the network")
    g.add_argument("--no-cache", dest="no_cache", action="store_true", help="neither read nor write the cache")


def settings(args: argparse.Namespace):
    from .config import Settings

    return Settings.from_env(offline=bool(getattr(args, "offline", False)),
                             cache=not getattr(args, "no_cache", False))


def maybe_enrich(items: Iterable[Item], args: argparse.Namespace, ctx: Context) -> Iterable[Item]:
    """*items*, enriched when ``--enrich`` was given (diagnostics and provenance go to *ctx*)."""
    if not getattr(args, "enrich", False):
        return items
    return _enriched(items, args, ctx)


def _enriched(items: Iterable[Item], args: argparse.Namespace, ctx: Context) -> Iterator[Item]:
    from .http import Http
    from .policy import enrich

    with Http(settings(args)) as http:
        yield from enrich(items, ctx, http=http, prefer=args.prefer)


# -- fetch ------------------------------------------------------------------------------------
def cmd_fetch(args: argparse.Namespace) -> int:
    from .. import api
    from .fetch import fetch
    from .http import Http

    ctx = Context(source="fetch")
    identifiers = []
    for ident in args.identifiers:  # "-": identifiers from standard input, any white space or commas between
        identifiers += re.split(r"[\s,;]+", sys.stdin.read()) if ident == "-" else [ident]
    with Http(settings(args)) as http:
        items = fetch([i for i in identifiers if i.strip()], http=http, ctx=ctx)
    for d in ctx.diagnostics:
        if d.level != "info" or args.verbose:
            print(f"citeport: {d}", file=sys.stderr)
    if not items:
        if any(d.code == "offline" for d in ctx.diagnostics):  # nothing cached: nothing was looked up
            raise CiteportError("no record for any of the identifiers (offline: no cached answer)")
        raise CiteportError("no record found for any of the identifiers")
    if args.style:
        from ..render import render

        text = render(items, args.style, args.locale, args.output_format)
    else:
        text = api.write(items, args.to)
    from ..cli import _output  # written atomically, an unwritable path is a one-line error

    with _output(args.output) as out:
        out.write(text)
    return EXIT_SKIPPED if ctx.skipped else EXIT_OK


# -- journals ---------------------------------------------------------------------------------
def cmd_journals(args: argparse.Namespace) -> int:
    from . import journals

    if args.action == "update":
        from .http import Http

        with Http(settings(args)) as http:
            dest, count = journals.update(http, args.url)
        print(f"citeport: {count} journals saved to {dest}", file=sys.stderr)
        return EXIT_OK
    jl = journals.load()
    if jl is None:
        raise CiteportError(f"no journal list at {journals.path()}; run 'citeport journals update' first")
    if args.action == "info":
        print(f"{journals.path()}\t{len(jl)} journals")
        return EXIT_OK
    if not args.names:
        raise CiteportError("journals lookup: give an abbreviation, a title or an ISSN")
    code = EXIT_OK
    for name in args.names:
        j = jl.find(name, name)
        if j is None:
            print(f"citeport: no journal matches {name!r}", file=sys.stderr)
            code = EXIT_SKIPPED
            continue
        issns = ", ".join(filter(None, (j.issn_print and f"{j.issn_print} (print)",
                                        j.issn_online and f"{j.issn_online} (online)")))
        print(f"{j.title}\t{j.med_abbr or j.iso_abbr}\t{issns}\tNLM {j.nlm_id}")
    return code


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fetch", help="records from identifiers (PubMed, PMC, Crossref)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport fetch pmid:22943560 doi:10.1111/hex.12000 pmcid:PMC5060756\n"
                              "  citeport fetch 10.1371/journal.pone.0033693 --style apa\n"
                              "  citeport fetch pmid:22943560 --to ris -o owens.ris\n"
                              "  citeport fetch - < ids.txt       identifiers from standard input\n"
                              "  citeport fetch pmid:22943560 --offline   from the cache only\n"
                              + environment_help(("eutils", "idconv", "crossref", "doi"))
                              + "  CITEPORT_STYLES       more style folders for --style (os.pathsep-separated)\n")
    p.add_argument("identifiers", nargs="+", metavar="ID", help="pmid:N, pmcid:PMCN, doi:10.x/y (or bare, or a PubMed/PMC/doi.org address); "
                                                            "- reads them from standard input")
    p.add_argument("-t", "--to", default="csl-json", metavar="FMT", help="output format (default: csl-json)")
    p.add_argument("-s", "--style", help="format in this CSL style instead (e.g. apa, vancouver)")
    p.add_argument("-l", "--locale", default=None,
                   help="locale for --style (default: the style's default-locale, else en-US)")
    p.add_argument("--output", dest="output_format", default="text",
                   help="with --style: text, html, rtf, markdown or jats (default: text)")
    p.add_argument("-o", "--out", dest="output", metavar="FILE", default="-", help="write here instead of standard output")
    add_options(p, enrich_switch=False)
    p.add_argument("-v", "--verbose", action="store_true", help="show every message")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("journals", help="NLM journal list: update, info, lookup (abbreviation <-> title)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  citeport journals update          download J_Medline into the data directory\n"
                              "  citeport journals lookup 'Health Expect'\n"
                              "  citeport journals lookup 1369-7625\n"
                              "environment: CITEPORT_JOURNALS_URL, CITEPORT_DATA_DIR\n")
    p.add_argument("action", choices=("update", "info", "lookup"))
    p.add_argument("names", nargs="*", metavar="NAME", help="for lookup: abbreviation, title or ISSN")
    p.add_argument("--url", help="download from here instead of NLM (default: CITEPORT_JOURNALS_URL or NLM)")
    p.add_argument("--no-cache", dest="no_cache", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_journals, offline=False)
