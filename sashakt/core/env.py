"""Typed readers for settings that come from environment variables.

Each reader refuses a value it cannot understand instead of guessing, so a typo in a
deployment fails at start-up rather than silently running with a default.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_mapping(name: str, default: dict[str, str]) -> dict[str, str]:
    """ "key=value,key=value"; an item without "=" or with an empty side is refused."""
    raw = os.environ.get(name)
    if raw is None:
        return dict(default)
    mapping = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key, sep, value = (side.strip() for side in item.partition("="))
        if not (sep and key and value):
            raise ImproperlyConfigured(f"{name} must be key=value pairs, not {item!r}")
        mapping[key] = value
    return mapping


def install_secret_key(path) -> str:
    """This install's own random secret key, created once in `path` (mode 0600) and reused.

    The embedded mode needs no configuration, yet a key written in the source would let
    anyone forge sessions and seat tokens for every demo install. Two processes starting
    together both end up with the key of whichever wrote first (O_EXCL).
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # someone loosened it; a key readable by others is no secret
    key = path.read_text().strip()
    if len(key) < 40:
        raise ImproperlyConfigured(f"{path} holds no usable secret key; delete it to make one.")
    return key
