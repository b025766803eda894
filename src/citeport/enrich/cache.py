"""A small on-disk HTTP response cache, safe when several citeport runs share it.

One file per request, named by a hash of the request (method, URL with sorted
parameters, Accept header; identity parameters such as ``email`` or
``api_key`` are left out so that they do not split the cache).  The file is a
JSON header line followed by the raw body.  Writes go to a temporary file in
the same directory and are renamed into place, so a reader never sees half an
entry and concurrent writers of the same entry simply both succeed.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

#: Parameters that identify the caller, not the resource.
IDENTITY_PARAMS = frozenset({"tool", "email", "api_key", "mailto"})


@dataclass
class CachedResponse:
    url: str
    status: int
    content_type: str
    body: bytes
    stored: float

    def age(self) -> float:
        return time.time() - self.stored


def request_key(method: str, url: str, params: dict | None = None, accept: str = "") -> str:
    kept = sorted((k, str(v)) for k, v in (params or {}).items() if k not in IDENTITY_PARAMS)
    text = "\n".join((method.upper(), url, urlencode(kept), accept))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    """Responses under *root*/http/, each valid for *ttl* seconds."""

    def __init__(self, root: Path, ttl: float):
        self.root = Path(root) / "http"
        self.ttl = ttl

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.entry"

    def get(self, key: str, *, allow_stale: bool = False) -> CachedResponse | None:
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                header = json.loads(fh.readline().decode("utf-8"))
                body = fh.read()
        except (OSError, ValueError):
            return None  # absent or damaged: treated as a miss
        entry = CachedResponse(header["url"], header["status"], header.get("content_type", ""), body,
                               header["stored"])
        if not allow_stale and entry.age() > self.ttl:
            return None
        return entry

    def put(self, key: str, url: str, status: int, content_type: str, body: bytes) -> None:
        path = self._path(key)
        header = {"url": url, "status": status, "content_type": content_type, "stored": time.time()}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(json.dumps(header).encode("utf-8") + b"\n")
                    fh.write(body)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass  # a cache that cannot be written is only slower, never an error

    def remove(self, key: str) -> None:
        try:
            self._path(key).unlink()
        except OSError:
            pass  # already gone

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        n = 0
        for p in self.root.glob("*/*.entry"):
            try:
                p.unlink()
                n += 1
            except OSError:
                pass
        return n
