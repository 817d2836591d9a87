"""Client settings: the access token, the base URL, timeouts and the User-Agent."""

from __future__ import annotations

import ipaddress
import os
import platform
from collections.abc import Mapping

import httpx

from ._errors import ConfigurationError, InvalidArgumentError
from ._version import __version__

TOKEN_ENV = "REVAI_ACCESS_TOKEN"  # noqa: S105 - a variable name, not a secret
"""Environment variable read when no token is passed."""

BASE_URL_ENV = "REVAI_BASE_URL"
"""Environment variable read when no base URL is passed."""

REGION_BASE_URLS: Mapping[str, str] = {
    "us": "https://api.rev.ai",
    "eu": "https://ec1.api.rev.ai",
}
"""The API's deployments; each needs an account and token of its own."""

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=30.0)
"""Seconds allowed to connect, between bytes read or written, and to get a
connection from the pool."""

DEFAULT_UPLOAD_TIMEOUT = httpx.Timeout(connect=10.0, read=120.0, write=600.0, pool=30.0)
"""Timeouts of an upload: a write may stall for minutes on a slow link."""

TimeoutTypes = float | httpx.Timeout
"""A timeout in seconds for every phase, or an `httpx.Timeout` with one per phase."""


def resolve_token(token: str | None) -> str:
    """The token to send: the argument, else `REVAI_ACCESS_TOKEN`, validated.

    Raises:
        ConfigurationError: If there is none, or it could inject a header.
    """
    if token is None:
        token = os.environ.get(TOKEN_ENV)
    if token is not None and not isinstance(token, str):
        raise ConfigurationError(
            f"The access token must be a string, not {type(token).__name__}."
        )
    if token is None or not token.strip():
        raise ConfigurationError(
            "No Rev AI access token: pass token=... or set the "
            f"{TOKEN_ENV} environment variable (create a token at rev.ai)."
        )
    if token != token.strip():
        raise ConfigurationError(
            "The access token has leading or trailing whitespace; remove it."
        )
    if not token.isascii() or any(
        ord(char) < 0x21 or ord(char) == 0x7F for char in token
    ):
        raise ConfigurationError(
            "The access token contains spaces, control or non-ASCII characters; "
            "copy it again from your Rev AI account."
        )
    return token


def resolve_base_url(
    base_url: str | None, region: str | None, *, allow_insecure_http: bool
) -> httpx.URL:
    """The origin requests go to: argument, else region, else env, else the US one.

    Raises:
        ConfigurationError: For an unknown region, a URL that is not http(s), or
            plain http to a host other than this machine (unless allowed).
    """
    text = _choose_base_url(base_url, region)
    if not isinstance(text, str) or text != text.strip():
        raise ConfigurationError(
            "The base URL must be a string without surrounding spaces, "
            "e.g. https://api.rev.ai."
        )
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(
            f"The base URL is not a valid URL ({exc}); e.g. https://api.rev.ai."
        ) from None
    if url.query or url.fragment:
        raise ConfigurationError(
            "The base URL has a query or fragment, which requests would drop; "
            "remove it, e.g. https://api.rev.ai."
        )
    if url.userinfo:
        raise ConfigurationError(
            "The base URL carries a user name or password; remove it (the access "
            "token is what authenticates), e.g. https://api.rev.ai."
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            f"The base URL {str(url)!r} is not an http(s) URL with a host, "
            "e.g. https://api.rev.ai."
        )
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url):
        raise ConfigurationError(
            f"Refusing to send the access token over plain http to {url.host}: use "
            "https, or pass allow_insecure_http=True if you really mean it."
        )
    return url


def _choose_base_url(base_url: str | None, region: str | None) -> str:
    if base_url is not None:
        return base_url
    if region is not None:
        if not isinstance(region, str):
            raise ConfigurationError(f"The region must be a string, not {region!r}.")
        try:
            return REGION_BASE_URLS[region.lower()]
        except KeyError:
            known = ", ".join(sorted(REGION_BASE_URLS))
            raise ConfigurationError(
                f"Unknown region {region!r}; use one of: {known}."
            ) from None
    from_env = os.environ.get(BASE_URL_ENV)
    if from_env is None:
        return REGION_BASE_URLS["us"]
    if not from_env.strip():
        raise ConfigurationError(
            f"{BASE_URL_ENV} is set but empty; give it a URL, or unset it to use "
            f"{REGION_BASE_URLS['us']}."
        )
    return from_env


def _is_loopback(url: httpx.URL) -> bool:
    if url.host == "localhost":
        return True
    try:
        return ipaddress.ip_address(url.host).is_loopback
    except ValueError:
        return False


def resolve_timeout(
    timeout: TimeoutTypes | None,
    default: httpx.Timeout,
    error: type[ConfigurationError | InvalidArgumentError] = ConfigurationError,
) -> httpx.Timeout:
    """An `httpx.Timeout` from seconds, a Timeout, or None for `default`.

    Raises:
        ConfigurationError: If a value is not a positive number of seconds (or
            `error`, for a timeout given to a single call).
    """
    if timeout is None:
        return default
    if isinstance(timeout, httpx.Timeout):
        resolved = timeout
    else:
        resolved = _seconds(timeout, error)
    phases = (resolved.connect, resolved.read, resolved.write, resolved.pool)
    if not all(phase is not None and is_duration(phase) for phase in phases):
        raise error(_timeout_rule())
    return resolved


def _seconds(
    value: object, error: type[ConfigurationError | InvalidArgumentError]
) -> httpx.Timeout:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise error(
            "A timeout must be seconds or an httpx.Timeout, "
            f"not {type(value).__name__}."
        )
    if not is_duration(value):
        raise error(_timeout_rule())
    return httpx.Timeout(float(value))


def _timeout_rule() -> str:
    return (
        "Every timeout must be a positive, finite number of seconds (at most "
        f"{MAX_SECONDS:g}); requests without a timeout could hang forever."
    )


MAX_SECONDS = 30 * 24 * 3600.0
"""Longest duration accepted for a timeout or a wait: 30 days, in seconds."""


def is_duration(value: object) -> bool:
    """Whether `value` is a number of seconds above 0 and at most `MAX_SECONDS`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 < value <= MAX_SECONDS


def user_agent() -> str:
    """`revai-langid/<version> python/<version> httpx/<version>`."""
    python = platform.python_version()
    return f"revai-langid/{__version__} python/{python} httpx/{httpx.__version__}"
