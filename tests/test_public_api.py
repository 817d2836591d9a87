"""The package's public names are pinned; changing them is a visible decision."""

from __future__ import annotations

from pathlib import Path

import revai_langid

EXPECTED = [
    "APIConnectionError", "APIError", "APITimeoutError", "AsyncLanguageIdClient",
    "AuthenticationError", "BadRequestError", "ConfigurationError", "ConflictError",
    "InvalidArgumentError", "Job", "JobFailedError", "JobFailure", "JobStatus",
    "LanguageConfidence", "LanguageIdClient", "LanguageIdResult", "NotFoundError",
    "PayloadTooLargeError", "PermissionDeniedError", "RateLimitError",
    "ResponseError", "RevAIError", "ServerError", "WaitTimeoutError",
    "__version__", "parse_notification",
]  # fmt: skip


def test_all_is_pinned_and_sorted() -> None:
    assert revai_langid.__all__ == EXPECTED
    assert sorted(revai_langid.__all__) == revai_langid.__all__


def test_every_public_name_exists_and_is_documented() -> None:
    for name in revai_langid.__all__:
        value = getattr(revai_langid, name)
        if name != "__version__":
            assert value.__doc__, name


def test_every_error_is_a_revai_error() -> None:
    for name in revai_langid.__all__:
        value = getattr(revai_langid, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, revai_langid.RevAIError), name


def test_both_packages_ship_py_typed() -> None:
    import revai_langid_api

    for package in (revai_langid, revai_langid_api):
        assert (Path(package.__file__).parent / "py.typed").is_file()
