"""Where input comes from: a path, ``-`` (stdin), a file object, text or bytes.

A :class:`Source` hands readers what they need without loading more than
necessary: ``head()`` for sniffing, ``text()`` for line formats, and
``open_binary()`` for streaming XML (gzip is undone transparently).
"""
from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import sys
import zlib
from pathlib import Path
from typing import IO, BinaryIO, Union

from .model.diagnostics import CiteportError

SourceLike = Union[str, bytes, os.PathLike, IO[str], IO[bytes], "Source"]

HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"

# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: Control bytes that text exports do not contain (tab, newlines, form feed and ESC excepted).
_BINARY_BYTES = tuple(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def detect_encoding(data: bytes, truncated: bool = False) -> str | None:
    """Return the encoding of *data*, or None when it looks binary.

    BOMs win; UTF-16 without BOM is recognised by its zero bytes; otherwise
    UTF-8 if it decodes, else Windows-1252/Latin-1 (the usual legacy export).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    sample = data[:4096]
    if sample and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
    # A stray NUL in a text export (a damaged copy) is the reader's to report by line, with the
    # good records kept; a file full of control bytes is binary (a PDF, an image, a database).
    if sum(sample.count(b) for b in _BINARY_BYTES) > len(sample) * 0.05:
        return None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte sequence cut by the sample boundary is still UTF-8.
        if truncated and exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):
            return "utf-8"
    return "cp1252"


def _decode(data: bytes, name: str, truncated: bool = False) -> tuple[str, str]:
    enc = detect_encoding(data, truncated)
    if enc is None:
        raise CiteportError("binary file, not a bibliographic record", source=name)
    try:
        return data.decode(enc, errors="ignore" if truncated else "strict"), enc
    except UnicodeDecodeError:  # mixed encodings (a UTF-8 BOM, then Latin-1 bytes): the BOM is no text
        rest = data.removeprefix(codecs.BOM_UTF8)
        try:  # Windows-1252 first: its curly quotes and dashes (0x80-0x9F) are no C1 controls
            return rest.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return rest.decode("latin-1"), "latin-1"


class Source:
    """One input.  ``name`` is what messages call it (a path or ``<stdin>``)."""

    def __init__(self, name: str, *, path: Path | None = None, data: bytes | None = None,
                 text: str | None = None):
        self.name = name
        self.path = path
        self._data = data
        self._text = text
        self.encoding: str | None = "utf-8" if text is not None else None
        self.cut: str | None = None  # a gzip file that ended early: why (its content up to there is read)

    # -- constructors -------------------------------------------------------
    @classmethod
    def of(cls, obj: SourceLike, name: str | None = None) -> "Source":
        """Make a Source from a path, ``-``, text, bytes or an open file."""
        if isinstance(obj, Source):
            return obj
        if isinstance(obj, bytes):
            return cls(name or "<bytes>", data=obj)
        if isinstance(obj, os.PathLike):
            return cls.from_path(Path(obj))
        if isinstance(obj, str):
            if obj == "-":
                return cls(name or "<stdin>", data=sys.stdin.buffer.read())
            # One short line naming a file is a path; anything else is content.
            if "\n" not in obj and len(obj) < 4096 and (os.path.exists(obj) or _looks_like_path(obj)):
                return cls.from_path(Path(obj))
            return cls(name or "<text>", text=obj)
        if hasattr(obj, "read"):
            content = obj.read()
            label = name or getattr(obj, "name", None) or "<stream>"
            if isinstance(content, bytes):
                return cls(str(label), data=content)
            return cls(str(label), text=content)
        raise TypeError(f"cannot read from {type(obj).__name__}")

    @classmethod
    def from_path(cls, path: Path) -> "Source":
        name = str(path)
        if not path.exists():
            raise CiteportError("no such file", source=name)
        if path.is_dir():
            raise CiteportError("is a directory, not a file", source=name)
        if not os.access(path, os.R_OK):
            raise CiteportError("permission denied", source=name)
        return cls(name, path=path)

    # -- access -------------------------------------------------------------
    def open_binary(self) -> BinaryIO:
        """A binary stream of the (decompressed) content, for streaming readers."""
        if self._data is not None:
            raw: BinaryIO = io.BytesIO(self._data)
        elif self._text is not None:
            raw = io.BytesIO(self._text.encode("utf-8"))
        else:
            assert self.path is not None
            raw = open(self.path, "rb")
            if not raw.seekable():  # a FIFO, /dev/stdin, <(zcat x.gz): read once, kept for later opens
                with raw:
                    self._data = _read_all(raw, self.name)
                raw = io.BytesIO(self._data)
        magic = raw.read(2)
        raw.seek(0)
        if magic == GZIP_MAGIC:
            return _CheckedGzip(raw, self.name, self)  # type: ignore[return-value]
        return raw

    def bytes(self) -> bytes:
        if self._data is None:
            if self._text is not None:
                return self._text.encode("utf-8")
            with self.open_binary() as fh:
                self._data = _read_all(fh, self.name)
        elif self._data[:2] == GZIP_MAGIC:
            with self.open_binary() as fh:
                self._data = _read_all(fh, self.name)
        return self._data

    def head(self, size: int = HEAD_BYTES) -> str:
        """The first *size* bytes, decoded, for sniffing."""
        if self._text is not None:
            return self._text[:size]
        with self.open_binary() as fh:
            data = _read_all(fh, self.name, size)
        if not data:
            return ""
        return _decode(data, self.name, truncated=len(data) == size)[0]

    def text(self) -> str:
        """The whole content, decoded (BOM, UTF-16, UTF-8, else Windows-1252)."""
        if self._text is None:
            self._text, self.encoding = _decode(self.bytes(), self.name)
            self._data = None  # keep one copy
        return self._text


class _CheckedGzip(gzip.GzipFile):
    """gzip stream whose corruption errors become CiteportError.  A file cut off (an interrupted
    download) gives what it holds, and its Source's ``cut`` says so: the readers keep every complete
    record, as they do for an uncompressed file cut off."""

    def __init__(self, raw: BinaryIO, name: str, owner: "Source | None" = None):
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw
        self._label = name
        self._owner = owner
        self._total = 0  # bytes given so far: a file cut before any is no gzip file to speak of

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        chunks: list[bytes] = []
        got = 0
        while size is None or size < 0 or got < size:
            try:  # read1: one decompression step at a time, so a cut loses nothing read before it
                chunk = super().read1(1 << 20 if size is None or size < 0 else size - got)
            except EOFError as exc:
                if not self._total + got:
                    raise CiteportError(f"corrupt gzip data ({exc})", source=self._label) from None
                if self._owner is not None:
                    self._owner.cut = str(exc)
                break
            except (OSError, zlib.error) as exc:
                raise CiteportError(f"corrupt gzip data ({exc})", source=self._label) from None
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        self._total += got
        return b"".join(chunks)

    def close(self) -> None:
        super().close()
        self._raw.close()


def _read_all(fh: BinaryIO, name: str, size: int = -1) -> bytes:
    try:
        return fh.read(size)
    except (OSError, EOFError, zlib.error) as exc:
        raise CiteportError(f"corrupt data ({exc})", source=name) from None


def _looks_like_path(s: str) -> bool:
    s = s.strip()
    return bool(re.fullmatch(r"[\w~./\\:-]+\.[A-Za-z0-9]{1,8}(\.gz)?", s)) or s.startswith(("./", "/", "~/"))
