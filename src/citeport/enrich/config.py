"""Where the online services are and how citeport identifies itself to them.

Every base URL can be overridden from the environment so that tests, mirrors
and proxies can point elsewhere; the defaults are the public services.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__

#: Service -> (environment variable, public default).  URLs are roots: paths are appended.
SERVICES = {
    "eutils": ("CITEPORT_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"),
    "idconv": ("CITEPORT_IDCONV_URL", "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/"),
    "crossref": ("CITEPORT_CROSSREF_URL", "https://api.crossref.org/"),
    "doi": ("CITEPORT_DOI_URL", "https://doi.org/"),
    "journals": ("CITEPORT_JOURNALS_URL", "https://ftp.ncbi.nlm.nih.gov/pubmed/J_Medline.txt"),
}

#: Every other variable the online commands read, with what it does (``fetch --help`` lists them from here).
ENVIRONMENT = {
    "CITEPORT_EMAIL": "your e-mail, sent to NCBI and Crossref (their polite pools)",
    "NCBI_API_KEY": "NCBI API key: 10 requests/s instead of 3",
    "CITEPORT_CACHE_DIR": "where answers are cached (default: the user cache directory)",
    "CITEPORT_CACHE_TTL": "seconds a cached answer stays fresh (default 2592000, 30 days)",
    "CITEPORT_TIMEOUT": "seconds to wait for a service (default 20)",
    "CITEPORT_RETRIES": "attempts again after a timeout or a 429/5xx answer (default 3)",
    "CITEPORT_BACKOFF": "first pause between attempts, in seconds, doubled each time (default 1)",
    "CITEPORT_DATA_DIR": "where `citeport journals update` keeps NLM's journal list (used for journal titles)",
}


def environment_help(services: tuple[str, ...] = tuple(SERVICES)) -> str:
    """The "environment:" block of an online command's --help (no variable for --offline: it is a switch)."""
    lines = [f"  {var:<22}{text}" for var, text in ENVIRONMENT.items()]
    urls = ", ".join(SERVICES[name][0] for name in services)
    return "environment:\n" + "\n".join(lines) + f"\n  service roots (mirrors, tests): {urls}\n"


#: Services that share NCBI's request budget (3/s, 10/s with an API key).
NCBI_SERVICES = ("eutils", "idconv")

TOOL = "citeport"


def service_url(name: str) -> str:
    var, default = SERVICES[name]
    url = os.environ.get(var, "").strip() or default
    if name != "journals" and not url.endswith("/"):
        url += "/"  # roots are joined with relative paths
    return url


def _float_env(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def cache_dir() -> Path:
    """CITEPORT_CACHE_DIR, else the user's cache directory (platformdirs)."""
    env = os.environ.get("CITEPORT_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("citeport", appauthor=False))


def data_dir() -> Path:
    """CITEPORT_DATA_DIR, else the user's data directory (platformdirs)."""
    env = os.environ.get("CITEPORT_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("citeport", appauthor=False))


@dataclass
class Settings:
    """Knobs of one online session; ``from_env`` reads the documented variables."""

    email: str | None = None
    ncbi_api_key: str | None = None
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    cache: bool = True
    offline: bool = False
    cache_ttl: float = 30 * 86400.0
    cache_path: Path | None = None
    urls: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        s = cls(
            email=os.environ.get("CITEPORT_EMAIL") or None,
            ncbi_api_key=os.environ.get("NCBI_API_KEY") or None,
            timeout=_float_env("CITEPORT_TIMEOUT", 20.0),
            retries=int(_float_env("CITEPORT_RETRIES", 3)),
            backoff=_float_env("CITEPORT_BACKOFF", 1.0),
            cache_ttl=_float_env("CITEPORT_CACHE_TTL", 30 * 86400.0),
        )
        for key, value in overrides.items():
            setattr(s, key, value)
        return s

    def url(self, service: str) -> str:
        return self.urls.get(service) or service_url(service)

    @property
    def ncbi_interval(self) -> float:
        """Seconds between NCBI requests: 3 per second, 10 with an API key."""
        return 1 / 10 if self.ncbi_api_key else 1 / 3

    @property
    def user_agent(self) -> str:
        contact = f" (mailto:{self.email})" if self.email else ""
        return f"citeport/{__version__}{contact}"
