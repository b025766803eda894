"""The public Python API: read, write, render, formats, styles."""
from __future__ import annotations

import io
import logging
import os
import secrets
import stat
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, TextIO, Union

from .explain import explain
from .formats.registry import REGISTRY, Format
from .model.diagnostics import CiteportError, Context, Diagnostic
from .model.item import DATE_VARIABLES, NAME_VARIABLES, Item, UniqueIds, ensure_id, prune, scrub
from .model.preprints import preprint_shape
from .sources import Source, SourceLike

#: What :func:`read`, :func:`iter_read` and :func:`detect` accept: a path, ``"-"``, text,
#: bytes, a file object, or an iterable of lines (``str`` or ``bytes``, as a file gives them).
InputLike = Union[SourceLike, Iterable[str], Iterable[bytes]]
#: Where :func:`write` puts its output: a text file object, or a path (written atomically).
OutputLike = Union[TextIO, str, "os.PathLike[str]"]


_LOG = logging.getLogger("citeport")
_LOG.addHandler(logging.NullHandler())  # a library prints nothing unless the application sets up logging
_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING}


def _log(diag: Diagnostic) -> None:
    """Where a streaming call's diagnostics go when the caller passed no Context: the ``citeport`` logger.

    Kept in a list they would grow with the file (a loss report a record on a 2 GB baseline file);
    losses and other info go to INFO.
    """
    _LOG.log(_LOG_LEVELS.get(diag.level, logging.INFO), "%s", diag)


class Records(list[Item]):
    """A list of CSL-JSON items that also carries what reading them reported.

    ``diagnostics`` lists warnings and errors (missing fields, skipped
    records with their line); ``skipped`` counts the records left out;
    ``format`` is the name of the format that was read.
    """

    diagnostics: list[Diagnostic]
    skipped: int
    format: str | None

    def __init__(self, items: Iterable[Item] = (), diagnostics: list[Diagnostic] | None = None,
                 skipped: int = 0, format: str | None = None):
        super().__init__(items)
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.skipped = skipped
        self.format = format


def _source(obj: InputLike) -> Source:
    """A :class:`Source` for anything the API accepts; an iterable of lines is joined (it has no name)."""
    if isinstance(obj, (str, bytes, os.PathLike, Source)) or hasattr(obj, "read"):
        return Source.of(obj)  # type: ignore[arg-type]
    try:
        lines = list(obj)
    except TypeError:
        raise TypeError(f"cannot read from {type(obj).__name__}: pass a path, text, bytes, "
                        "a file object or an iterable of lines") from None
    if lines and all(isinstance(line, (bytes, bytearray)) for line in lines):
        return Source("<lines>", data=b"".join(lines))  # type: ignore[arg-type]
    if all(isinstance(line, str) for line in lines):
        return Source("<lines>", text="".join(lines))  # type: ignore[arg-type]
    raise TypeError("an iterable of lines must hold only str or only bytes")


def detect(source: InputLike) -> Format:
    """The format of *source*, sniffed from its first bytes (the file extension breaks ties).

    Raises :class:`CiteportError` for empty input and for content no format recognises.
    """
    src = _source(source)
    head = src.head()
    if not head.strip():
        raise CiteportError("empty input, no records", source=src.name)
    fmt, score = REGISTRY.sniff(head, src.name if src.path else None)
    if fmt is None or score < 0.2:
        # a text people paste by mistake (identifier list, Scholar/Europe PMC copy, field table): say so
        raise CiteportError(explain(head) or "not a recognised bibliographic format (use --from to name one)",
                            source=src.name)
    return fmt


#: Formats whose items are CSL already: read as written, not re-shaped.
_AS_WRITTEN = frozenset({"csl-json", "csl-yaml"})


def iter_read(source: InputLike, format: str | None = None, *, ctx: Context | None = None,
              ids: UniqueIds | None = None, **options: Any) -> Iterator[Item]:
    """Yield CSL-JSON items from *source* as they are parsed (flat memory for large files).

    Diagnostics go to *ctx* (pass your own to see them while streaming; give it a ``sink`` to keep
    memory flat), else to the ``citeport`` logger; pass one *ids*
    (:class:`~citeport.model.item.UniqueIds`) to several calls to keep ids unique across inputs.
    *source* and *format* are as for :func:`read`; *options* are format options
    (``citeport formats`` lists them), e.g. ``refs=True`` for JATS reference lists.
    """
    src = _source(source)
    fmt = REGISTRY.get(format) if format else detect(src)
    if ctx is None:
        ctx = Context(sink=_log)
    ctx.source = ctx.source or src.name
    ctx.options.update(options)
    if fmt.read is None:
        raise CiteportError(f"format {fmt.name!r} cannot be read, only written", source=src.name)
    unique = ids if ids is not None else UniqueIds()
    clean = fmt.reads_clean_text
    # Every reader's preprints get one shape here; CSL-JSON/YAML is kept as written (Crossref's is
    # shaped by crossref_map).
    shape = preprint_shape if fmt.name not in _AS_WRITTEN else (lambda item: item)
    for index, item in enumerate(fmt.read(src, ctx), start=1):
        item = unique(ensure_id(prune(shape(item if clean else scrub(item))), index))
        yield item
    if src.cut:  # an interrupted download: say why the last record may be missing
        ctx.report("error", f"gzip file cut off ({src.cut}); the records before the cut were read",
                   code="bad-input")


def read(source: InputLike, format: str | None = None, **options: Any) -> Records:
    """Read every record of *source* into CSL-JSON items.

    *source* is a path (``str`` or ``os.PathLike``), ``"-"`` for stdin, a text or
    binary file object, the text itself (``str`` or ``bytes``) or an iterable of lines.  *format* names the input format (``citeport.formats()``);
    without it the format is sniffed.  Bad records are skipped and reported in
    ``Records.diagnostics``; an unreadable input raises :class:`CiteportError`.

    >>> items = read("TY  - JOUR\\nTI  - A title\\nER  - \\n")  # doctest: +SKIP
    """
    src = _source(source)
    ctx = Context(source=src.name)
    fmt = REGISTRY.get(format) if format else detect(src)
    items = list(iter_read(src, fmt.name, ctx=ctx, **options))
    return Records(items, ctx.diagnostics, ctx.skipped, fmt.name)


def write(items: Iterable[Item], format: str, *, out: OutputLike | None = None,
          ctx: Context | None = None, **options: Any) -> str:
    """Write *items* in *format*; returns the text (or writes to *out* and returns "").

    *out* is a text file object or a path; a path is written atomically (UTF-8, the
    format's own line ends) and left untouched when writing fails.  A date may be an EDTF
    string (``"2020-05"``), as CSL 1.0.2 allows.  An item that is not
    CSL-JSON-shaped (not a dict, a name variable that is not a list of name dicts) raises :class:`CiteportError` naming the item.  Losses (fields the format cannot hold) are reported in *ctx* as
    diagnostics with a ``code`` of ``dropped``/``down-converted``; without a *ctx* they go to the
    ``citeport`` logger (INFO), not into a list that would grow with the stream.
    """
    fmt = REGISTRY.get(format)
    if fmt.write is None:
        raise CiteportError(f"format {fmt.name!r} cannot be written, only read")
    if ctx is None:
        ctx = Context(sink=_log)
    ctx.options.update(options)
    items = _checked(items)
    if not fmt.writer_scrubs:  # csl-json checks its own output
        items = (scrub(item) for item in items)
    if isinstance(out, (str, os.PathLike)):
        with atomic_output(os.fspath(out)) as fh:
            fmt.write(items, fh, ctx)
        return ""
    buffer = out if out is not None else io.StringIO()
    fmt.write(items, buffer, ctx)
    return "" if out is not None else buffer.getvalue()  # type: ignore[attr-defined]


def _checked(items: Iterable[Item]) -> Iterator[Item]:
    """*items*, refusing (with the item's number and id) shapes every writer would trip over."""
    for number, item in enumerate(items, start=1):
        _check_shape(item, number)
        custom = item.get("custom")
        if custom is not None and not (isinstance(custom, dict) and isinstance(custom.get("tags", {}), dict)):
            raise CiteportError(f"item {number} ({item.get('id', 'no id')}): 'custom' must be a dict, and its "
                                f"'tags' a dict keyed 'FORMAT:TAG' (docs/conventions.md), not {custom!r:.60}")
        dates = {var: item[var] for var in DATE_VARIABLES if var in item and not isinstance(item[var], dict)}
        if dates:  # CSL 1.0.2 also allows an EDTF string ("2020-05"); writers expect date-parts
            item = {**item, **{var: _date(var, value, number, item) for var, value in dates.items()}}
        yield item


def _check_shape(item: Any, number: int) -> None:
    """Raise :class:`CiteportError` (with the item's number and id) for an item that is no CSL-JSON dict
    or whose names are not a list of name dicts: a writer would trip over it, a style would print nothing."""
    if not isinstance(item, dict):
        raise CiteportError(f"item {number} is a {type(item).__name__}, not a CSL-JSON dict")
    for var in NAME_VARIABLES:
        value = item.get(var)
        if value is not None and not (isinstance(value, list) and all(isinstance(n, dict) for n in value)):
            raise CiteportError(f"item {number} ({item.get('id', 'no id')}): {var!r} must be a list of "
                                f"names like {{'family': ..., 'given': ...}}, not {value!r:.60}")


def render(items: Iterable[Item], style: str, locale: str | None = None, output: str = "text", *,
           citations: bool | list[Any] = False, ctx: Context | None = None, wrap: bool = True) -> str:
    """Format *items* in a CSL *style*: :func:`citeport.render.render` (see there), and a date may be an
    EDTF string (``"issued": "2020-05"``), as CSL 1.0.2 allows and :func:`write` takes: it reaches the
    style as a CSL date, so "(2020)" and "May 2020" print, not the string.  The items are not changed."""
    from .render import render as render_items  # late: the renderer loads citeproc-py

    checked = []
    for number, item in enumerate(items, start=1):
        _check_shape(item, number)  # as write() does: "author": "Smith" would print no author at all
        checked.append(_with_date_dicts(item))
    return render_items(checked, style, locale, output,
                        citations=citations, ctx=ctx, wrap=wrap)


def _with_date_dicts(item: Any) -> Any:
    """*item* with its string/number dates as CSL date dicts (anything not understood left as it was)."""
    if not isinstance(item, dict):
        return item
    dates = [var for var in DATE_VARIABLES if isinstance(item.get(var), (str, int)) and not isinstance(item[var], bool)]
    if not dates:
        return item
    from .formats.csljson import normalize_date  # late: formats load through the registry

    item = dict(item)
    for var in dates:
        parsed = normalize_date(item[var])
        item[var] = parsed if isinstance(parsed, dict) else {"literal": str(item[var])}
    return item


def _date(var: str, value: Any, number: int, item: Item) -> dict[str, Any]:
    """A CSL date dict for an EDTF/text date of a hand-made item (the caller's item is not changed)."""
    from .formats.csljson import normalize_date  # late: formats load through the registry

    if not isinstance(value, (str, int)):
        raise CiteportError(f"item {number} ({item.get('id', 'no id')}): {var!r} must be a date like "
                            f"{{'date-parts': [[2020, 5]]}} or an EDTF string, not {value!r:.60}")
    parsed = normalize_date(value)
    return parsed if isinstance(parsed, dict) else {"literal": str(value)}


#: Paths written in place, never replaced: devices and the process's own file descriptors.
_IN_PLACE = ("/dev/", "/proc/")

_STD_FDS = {"/dev/stdout": 1, "/dev/stderr": 2}


def _own_fd(path: str) -> int | None:
    """N for ``/dev/fd/N`` and ``/proc/self/fd/N`` (a descriptor this process already has)."""
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if path.startswith(prefix) and path[len(prefix):].isdigit():
            return int(path[len(prefix):])
    return None


@contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """A text file that appears at *path* only when the block ends without error: a failure leaves
    the old file (or none) and no half-written one.  Used by ``write(out=path)`` and the CLI's ``-o``.

    A symlink is followed (its target is replaced, the link stays), a replaced file keeps its
    permissions, and a read-only file is refused as ``cp`` would refuse it.  What is not a regular
    file -- ``/dev/stdout``, ``/dev/null``, a named pipe -- is written in place: replacing it would
    swap a device or pipe for a plain file (as root, ``/dev/null`` itself).
    """
    if os.path.isdir(path):
        raise CiteportError(f"cannot write {path}: it is a directory")
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    # /dev/stdout or /proc/self/fd/1 may lead to a regular file the shell opened (perhaps with >>)
    if st is not None and (not stat.S_ISREG(st.st_mode) or os.path.abspath(path).startswith(_IN_PLACE)):
        fd = _STD_FDS.get(path) or _own_fd(path)
        try:  # our own descriptor shares its offset with the shell's; "w" would truncate what it wrote
            special = (open(os.dup(fd), "w", encoding="utf-8", newline="") if fd is not None
                       else open(path, "a", encoding="utf-8", newline=""))
        except OSError as exc:
            raise CiteportError(f"cannot write {path}: {exc.strerror or exc}") from None
        with special:
            yield special
        return
    if st is not None and not os.access(path, os.W_OK):
        raise CiteportError(f"cannot write {path}: Permission denied (the file is read-only)")
    target = os.path.realpath(path)  # through a symlink: the link stays a link
    tmp = os.path.join(os.path.dirname(target),
                       f".{os.path.basename(target)}.{os.getpid()}.{secrets.token_hex(4)}.citeport-tmp")
    try:  # 0o666 less the umask for a new file, as open() gives; the old mode for a replaced one
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:  # no such directory, no permission: the user's to fix, not a bug
        raise CiteportError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        with open(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def formats() -> list[Format]:
    """Every format known: built-ins and ``citeport.formats`` plugins."""
    return REGISTRY.all()
