"""revai-langid: a typed client for the Rev AI Language Identification API (v1).

Quick start::

    from revai_langid import LanguageIdClient

    with LanguageIdClient() as client:          # token from REVAI_ACCESS_TOKEN
        result = client.identify("interview.mp3")
        print(result.top_language)

Every failure is a `RevAIError`; see `revai_langid._errors` for the whole tree.
"""

from __future__ import annotations

import logging

from ._async_client import AsyncLanguageIdClient
from ._client import LanguageIdClient
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InvalidArgumentError,
    JobFailedError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseError,
    RevAIError,
    ServerError,
    WaitTimeoutError,
)
from ._models import Job, JobFailure, JobStatus, LanguageConfidence, LanguageIdResult
from ._redaction import install_log_filter
from ._version import __version__
from ._webhooks import parse_notification

logging.getLogger("revai_langid").addHandler(logging.NullHandler())
install_log_filter()

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncLanguageIdClient",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InvalidArgumentError",
    "Job",
    "JobFailedError",
    "JobFailure",
    "JobStatus",
    "LanguageConfidence",
    "LanguageIdClient",
    "LanguageIdResult",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseError",
    "RevAIError",
    "ServerError",
    "WaitTimeoutError",
    "__version__",
    "parse_notification",
]
