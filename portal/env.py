"""Typed readers for environment settings; a bad value stops start-up with a clear message."""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


_ENGINES = {
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
    "sqlite": "django.db.backends.sqlite3",
}


def parse_database_url(url: str, base_dir: Path) -> dict:
    """Turn postgres://user:pass@host:port/name or sqlite:///path into a DATABASES entry."""
    parts = urlsplit(url)
    engine = _ENGINES.get(parts.scheme)
    if engine is None:
        supported = ", ".join(sorted(_ENGINES))
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {parts.scheme!r} is not supported (use one of: {supported})"
        )
    if engine.endswith("sqlite3"):
        path = unquote(parts.path)
        if path in ("", "/"):
            raise ImproperlyConfigured(
                "DATABASE_URL for SQLite needs a path: sqlite:///var/db.sqlite3"
            )
        # sqlite:///relative/path is relative to the project; sqlite:////abs/path is absolute.
        name = Path(path[1:])
        if not name.is_absolute():
            name = base_dir / name
        return {"ENGINE": engine, "NAME": str(name)}

    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL must name a database: postgres://host:5432/dbname")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL has a bad port: {url!r}") from None
    options = dict(parse_qsl(parts.query))
    config = {
        "ENGINE": engine,
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "CONN_MAX_AGE": int(options.pop("conn_max_age", 60)),
        "CONN_HEALTH_CHECKS": True,
    }
    if options:
        config["OPTIONS"] = options
    return config


def add_database_timeouts(config: dict, *, connect_seconds: int, statement_ms: int) -> None:
    """PostgreSQL connect and statement timeouts, and dead-peer detection on open connections.

    The statement timeout is off unless set (0): the web server's config turns it on for
    requests, so long management commands (migrate, backup) are not cut short.
    """
    if not config["ENGINE"].endswith("postgresql"):
        return
    options = config.setdefault("OPTIONS", {})
    if connect_seconds > 0:
        # libpq's own minimum is 2 seconds.
        options.setdefault("connect_timeout", max(2, connect_seconds))
        # A connection whose packets vanish is given up after this long, not the kernel's
        # fifteen minutes of retransmissions.
        options.setdefault("keepalives", 1)
        options.setdefault("keepalives_idle", 10)
        options.setdefault("keepalives_interval", 2)
        options.setdefault("keepalives_count", 3)
        options.setdefault("tcp_user_timeout", connect_seconds * 1000)
    if statement_ms > 0:
        existing = options.get("options", "")
        options["options"] = f"{existing} -c statement_timeout={statement_ms}".strip()
