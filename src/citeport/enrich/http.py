"""The one HTTP path of citeport: timeouts, retries, rate limits, cache, offline.

Nothing else in citeport opens a socket.  :class:`Http` is created only by
the online commands (``--enrich``, ``fetch``, ``journals update``).
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model.diagnostics import CiteportError
from .cache import Cache, request_key
from .config import NCBI_SERVICES, TOOL, Settings, cache_dir

#: Answers worth asking again after a pause (rate limited, server trouble).
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Seconds a cached "not found" (404) stays valid: identifiers do get registered later.
NEGATIVE_TTL = 86400.0


class OnlineError(CiteportError):
    """A service could not be used (unreachable, timed out, refused, nonsense)."""


class Unreachable(OnlineError):
    """No answer at all (no network, refused, timed out): later look-ups would fail too."""


class CacheMiss(OnlineError):
    """--offline and the answer is not in the cache."""


class NotFound(OnlineError):
    """The service answered that the identifier does not exist (HTTP 404)."""

    def __init__(self, message: str, body: bytes = b""):
        super().__init__(message)
        self.body = body  # some services explain themselves in a 404's body


@dataclass
class Response:
    url: str
    status: int
    content_type: str
    body: bytes
    from_cache: bool = False
    key: str = ""  # the cache entry it was stored under

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class RateLimiter:
    """At most one request per *interval* seconds, across threads of this process."""

    def __init__(self, interval: float):
        self.interval = interval
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            if now < self._next:
                time.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


_LIMITERS: dict[tuple[str, float], RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def limiter(group: str, interval: float) -> RateLimiter:
    """The process-wide limiter of a service group (all NCBI services share one)."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault((group, interval), RateLimiter(interval))


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Http:
    """GET requests to the named services (see ``config.SERVICES``)."""

    def __init__(self, settings: Settings | None = None, *, transport=None):
        import httpx

        self.settings = settings or Settings.from_env()
        self.cache = Cache(self.settings.cache_path or cache_dir(), self.settings.cache_ttl)
        self.network_requests = 0
        self._client = httpx.Client(
            timeout=self.settings.timeout, follow_redirects=True, transport=transport,
            headers={"User-Agent": self.settings.user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Http":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- identity parameters --------------------------------------------------
    def _identity(self, service: str) -> dict:
        s = self.settings
        if service in NCBI_SERVICES:
            params = {"tool": TOOL}
            if s.email:
                params["email"] = s.email
            if s.ncbi_api_key and service == "eutils":
                params["api_key"] = s.ncbi_api_key
            return params
        if service == "crossref" and s.email:
            return {"mailto": s.email}  # Crossref's "polite pool"
        return {}

    def get(self, service: str, path: str = "", params: dict | None = None, *,
            accept: str | None = None, use_cache: bool = True) -> Response:
        """GET ``<service root><path>?params``; raises NotFound / OnlineError."""
        url = self.settings.url(service) + path
        params = dict(params or {})
        key = request_key("GET", url, params, accept or "")
        caching = use_cache and self.settings.cache
        if caching or self.settings.offline:
            hit = self.cache.get(key, allow_stale=self.settings.offline)
            if hit is not None and not (hit.status == 404 and hit.age() > NEGATIVE_TTL and not self.settings.offline):
                return self._checked(Response(hit.url, hit.status, hit.content_type, hit.body, True, key))
        if self.settings.offline:
            raise CacheMiss(f"offline: no cached answer for {url}")
        params.update(self._identity(service))
        headers = {"Accept": accept} if accept else {}
        resp = self._send(service, url, params, headers)
        resp.key = key
        if caching:  # answers and "not found" (the latter re-asked after NEGATIVE_TTL)
            self.cache.put(key, str(resp.url), resp.status, resp.content_type, resp.body)
        return self._checked(resp)

    def discard(self, resp: Response) -> None:
        """Forget the cached copy of *resp* (its body turned out unusable: cut off, an error page)."""
        if resp.key:
            self.cache.remove(resp.key)

    @staticmethod
    def _checked(resp: Response) -> Response:
        if resp.status == 404:
            raise NotFound(f"{urlsplit(resp.url).netloc}: not found: {resp.url}", resp.body)
        return resp

    def _send(self, service: str, url: str, params: dict, headers: dict) -> Response:
        import httpx

        s = self.settings
        host = urlsplit(url).netloc or url
        gate = limiter("ncbi", s.ncbi_interval) if service in NCBI_SERVICES else None
        attempt = 0
        while True:
            if gate:
                gate.wait()
            self.network_requests += 1
            try:
                r = self._client.get(url, params=params, headers=headers)
            except httpx.TimeoutException:
                if attempt < s.retries:
                    attempt += 1
                    time.sleep(min(s.backoff * 2 ** (attempt - 1), s.max_wait))
                    continue
                raise Unreachable(f"{host} did not answer within {s.timeout:g} s (tried {attempt + 1} times)") from None
            except httpx.TransportError as exc:
                reason = str(exc).split("\n")[0] or type(exc).__name__
                raise Unreachable(f"cannot reach {host} ({reason}); check the network connection, "
                                  "or use --offline to work from the cache") from None
            if r.status_code in RETRY_STATUS and attempt < s.retries:
                wait = retry_after(r.headers.get("Retry-After"))
                if wait is None:
                    wait = s.backoff * 2 ** attempt
                if wait <= s.max_wait:
                    attempt += 1
                    time.sleep(wait)
                    continue
            ctype = r.headers.get("Content-Type", "")
            if r.status_code >= 400 and r.status_code != 404:
                detail = r.text.strip().splitlines()[0][:120] if r.text.strip() else r.reason_phrase
                raise OnlineError(f"{host} answered HTTP {r.status_code} ({detail}) for {r.url}")
            return Response(str(r.url), r.status_code, ctype, r.content)
