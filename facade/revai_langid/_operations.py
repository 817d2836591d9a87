"""The five API operations, built with the generated bindings.

Each function returns an `Operation`: the request the generated `build_request_kwargs`
describes, and how to read the answer into our models. The clients send them.
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import IO, Any, BinaryIO, cast
from urllib.parse import urlsplit

from ._bindings import (
    delete_job_by_id,
    get_job_by_id,
    get_result_by_id,
    list_jobs,
    submit_job,
)
from ._bindings import models as api
from ._bindings import types as api_types
from ._errors import InvalidArgumentError, shorten
from ._models import Job, LanguageIdResult, jobs_from_json
from ._pipeline import Operation
from ._redaction import MIN_SECRET_LENGTH, credential_parts

RESULT_MEDIA_TYPES = (
    "application/vnd.rev.languageid.v1.0+json, application/json;q=0.9, "
    "application/problem+json;q=0.9"
)
"""Accept header of the result call: the vendor type first, plain JSON and
problem details accepted."""

AuthHeaders = str | Mapping[str, str]
"""Headers Rev sends to a source or notification URL: an `Authorization` value
such as "Bearer abc", or a mapping of header names to values."""

ProgressCallback = Callable[[int, int | None], object]
"""Called with the bytes sent so far and the total (None when unknown)."""

MAX_METADATA_LENGTH = 512
"""Characters of metadata the API stores with a job."""

MAX_DELETE_AFTER_SECONDS = 2_592_000
"""The longest retention `delete_after_seconds` may ask for: 30 days."""

MAX_LIST_LIMIT = 1000
"""The most jobs one list request may ask for."""


def job_id_segment(job_id: str) -> str:
    """Check a job id before it goes into a path.

    Raises:
        InvalidArgumentError: For an id that is not a string or is empty.
    """
    if not checked_text("job id", job_id):
        raise InvalidArgumentError(
            "The job id is empty; pass the id of a submitted job (Job.id)."
        )
    return job_id


def checked_text(name: str, value: object) -> str:
    """`value` if it is a string that UTF-8 can encode (no lone surrogates).

    Raises:
        InvalidArgumentError: Naming the argument, never showing its value.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"The {name} must be a string, not {type(value).__name__}."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgumentError(
            f"The {name} holds characters that cannot be sent (lone surrogates); "
            "check how it was decoded."
        ) from None
    return value


def _optional_text(name: str, value: str | None) -> str | api_types.Unset:
    return api_types.UNSET if value is None else checked_text(name, value)


def get_job(job_id: str) -> Operation[Job]:
    """GET /languageid/v1/jobs/{id}."""
    request = get_job_by_id.build_request_kwargs(job_id_segment(job_id))
    return Operation("get_job", request, Job.from_json)


def get_result(job_id: str) -> Operation[LanguageIdResult]:
    """GET /languageid/v1/jobs/{id}/result, asking for the vendor media type."""
    request = get_result_by_id.build_request_kwargs(job_id_segment(job_id))
    return Operation(
        "get_result",
        request,
        partial(LanguageIdResult.from_json, job_id=job_id),
        accept=RESULT_MEDIA_TYPES,
    )


def delete_job(job_id: str) -> Operation[None]:
    """DELETE /languageid/v1/jobs/{id}; a 404 after a lost answer counts as done."""
    request = delete_job_by_id.build_request_kwargs(job_id_segment(job_id))
    return Operation(
        "delete_job", request, _nothing, empty_body_ok=True, missing_means_done=True
    )


def list_jobs_page(
    limit: int | None, starting_after: str | None
) -> Operation[list[Job]]:
    """GET /languageid/v1/jobs with optional `limit` and `starting_after`."""
    if limit is not None:
        _check_int_range("limit", limit, 0, MAX_LIST_LIMIT)
    request = list_jobs.build_request_kwargs(
        limit=api_types.UNSET if limit is None else limit,
        starting_after=_optional_text("starting_after job id", starting_after),
    )
    return Operation("list_jobs", request, jobs_from_json)


def submit_url(
    url: str,
    *,
    source_auth: AuthHeaders | None,
    options: api.SubmitJobOptions,
) -> Operation[Job]:
    """POST /languageid/v1/jobs with a JSON body naming the media's URL."""
    body = api.SubmitJobUrlRequest(
        source_config=api.SourceConfigType0(
            url=_web_url("media URL", url), auth_headers=_source_auth(source_auth)
        ),
        notification_config=options.notification_config,
        metadata=options.metadata,
        delete_after_seconds=options.delete_after_seconds,
    )
    request = submit_job.build_request_kwargs(body=body)
    secrets = auth_secrets(body.source_config, body.notification_config)
    return Operation(
        "submit_url", request, Job.from_json, idempotent=False, secrets=secrets
    )


def submit_file(
    stream: IO[bytes], *, filename: str, options: api.SubmitJobOptions
) -> Operation[Job]:
    """POST /languageid/v1/jobs with a multipart body streaming `stream`."""
    media = api_types.File(
        payload=cast(BinaryIO, stream),
        file_name=filename,
        mime_type=_mime_type(filename),
    )
    body = api.SubmitJobFileRequest(media=media, options=options)
    request = submit_job.build_request_kwargs(body=body)
    return Operation(
        "submit_file",
        request,
        Job.from_json,
        idempotent=False,
        upload=True,
        secrets=auth_secrets(options.notification_config),
    )


def submit_options(
    *,
    metadata: str | None = None,
    notification_url: str | None = None,
    notification_auth: AuthHeaders | None = None,
    delete_after_seconds: int | None = None,
) -> api.SubmitJobOptions:
    """The options both kinds of submit share; None leaves an option out."""
    if notification_auth is not None and notification_url is None:
        raise InvalidArgumentError(
            "notification_auth was given without notification_url; pass both."
        )
    notification: api.NotificationConfigType0 | api_types.Unset = api_types.UNSET
    if notification_url is not None:
        notification = api.NotificationConfigType0(
            url=_web_url("notification URL", notification_url),
            auth_headers=_notification_auth(notification_auth),
        )
    return api.SubmitJobOptions(
        notification_config=notification,
        metadata=_metadata(metadata),
        delete_after_seconds=_seconds_or_unset(delete_after_seconds),
    )


def media_filename(file: object, filename: str | None) -> str:
    """The file name sent with an upload: given, else the file's own, else "media"."""
    if filename is not None:
        return checked_text("filename", filename) or "media"
    name = file if isinstance(file, str | os.PathLike) else getattr(file, "name", None)
    if isinstance(name, str | os.PathLike):
        base = os.path.basename(os.fsdecode(name))
        return base.encode("utf-8", errors="replace").decode("utf-8") or "media"
    return "media"


def _mime_type(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


def _metadata(value: str | None) -> str | api_types.Unset:
    text = _optional_text("metadata", value)
    if isinstance(text, str) and len(text) > MAX_METADATA_LENGTH:
        raise InvalidArgumentError(
            f"metadata is {len(text)} characters long; the API keeps at most "
            f"{MAX_METADATA_LENGTH}."
        )
    return text


def _seconds_or_unset(value: int | None) -> int | api_types.Unset:
    if value is None:
        return api_types.UNSET
    _check_int_range("delete_after_seconds", value, 0, MAX_DELETE_AFTER_SECONDS)
    return value


def _check_int_range(name: str, value: object, low: int, high: int) -> None:
    """Refuse a value that is not an integer from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(
            f"{name} must be an integer, not {type(value).__name__}."
        )
    if not low <= value <= high:
        raise InvalidArgumentError(f"{name} must be from {low:,} to {high:,}.")


WEB_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]")
"""What the spec asks of every URL Rev AI calls: absolute http or https."""


def _web_url(name: str, url: str) -> str:
    """`url` if it is an absolute http(s) URL with a host and a valid port, and no
    spaces or control characters (it is never shown: it may be signed).

    Raises:
        InvalidArgumentError: Naming the URL, and what a valid one looks like.
    """
    if not (WEB_URL.match(checked_text(name, url)) and _well_formed(url)):
        raise InvalidArgumentError(
            f"The {name} must be an absolute http or https URL, "
            "such as https://example.com/interview.mp3."
        )
    return url


def _well_formed(url: str) -> bool:
    if any(char.isspace() or _is_control(char) for char in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError:
        return False
    return bool(parts.hostname)


def _is_control(char: str) -> bool:
    """C0 and C1 control characters, and DEL."""
    return ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F


AUTHORIZATION_FORMAT = re.compile(r"^\S+ +\S")
"""What the spec asks of an `Authorization` value: "<scheme> <credentials>"."""


def _source_auth(
    headers: AuthHeaders | None,
) -> api.SourceAuthHeadersType0 | api_types.Unset:
    if headers is None:
        return api_types.UNSET
    checked = _checked_auth("source_auth", headers)
    auth = api.SourceAuthHeadersType0()
    for name, value in checked.items():
        if name.lower() == "authorization":
            auth.authorization = value
        else:
            auth.additional_properties[name] = value
    return auth


def _notification_auth(
    headers: AuthHeaders | None,
) -> api.NotificationAuthHeadersType0 | api_types.Unset:
    if headers is None:
        return api_types.UNSET
    checked = _checked_auth("notification_auth", headers)
    others = [name for name in checked if name.lower() != "authorization"]
    if others:
        raise InvalidArgumentError(
            "notification_auth may hold only an Authorization header; Rev AI "
            f"refuses {', '.join(repr(name) for name in others)}."
        )
    return api.NotificationAuthHeadersType0(
        authorization=next(iter(checked.values()), api_types.UNSET)
    )


def _checked_auth(argument: str, headers: AuthHeaders) -> dict[str, str]:
    """Auth headers as a dict, each name and value checked (values never shown).

    Raises:
        InvalidArgumentError: For a wrong type, an empty or invalid header name,
            a value with control characters, a name given twice in different
            cases, or an Authorization value that is not "<scheme> <credentials>".
    """
    if isinstance(headers, str):
        headers = {"Authorization": headers}
    if not isinstance(headers, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str)
        for key, value in headers.items()
    ):
        raise InvalidArgumentError(
            f"{argument} must be a string (the Authorization value) or a mapping "
            "of header names to string values."
        )
    if len({name.lower() for name in headers}) < len(headers):
        raise InvalidArgumentError(
            f"{argument} names a header twice (header names ignore case)."
        )
    for name, value in headers.items():
        _check_header(argument, name, value)
    return dict(headers)


HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
"""A header name as HTTP allows it (a token of RFC 9110)."""


def _check_header(argument: str, name: str, value: str) -> None:
    checked_text(f"{argument} header value", value)
    if not HEADER_NAME.fullmatch(name):
        raise InvalidArgumentError(
            f"{argument} holds a header name that HTTP does not allow: "
            f"{shorten(repr(name), 60)}."
        )
    if any(_is_control(char) and char != "\t" for char in value):
        raise InvalidArgumentError(
            f"The {name} value of {argument} holds control characters (a line "
            "break, say); remove them."
        )
    if name.lower() == "authorization" and not AUTHORIZATION_FORMAT.match(value):
        raise InvalidArgumentError(
            f"The Authorization value of {argument} must read "
            "'<scheme> <credentials>', for example 'Bearer <token>'."
        )


def auth_secrets(*configs: object) -> tuple[str, ...]:
    """The auth header values of source or notification configs, and the
    credentials inside them (see `credential_parts`), leaving out those too short
    to redact safely."""
    secrets: list[str] = []
    for config in configs:
        auth = getattr(config, "auth_headers", None)
        if not isinstance(
            auth, api.SourceAuthHeadersType0 | api.NotificationAuthHeadersType0
        ):
            continue
        for value in auth.to_dict().values():
            secrets += [value, *credential_parts(value)]
    return tuple(secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH)


def caller_secrets(*headers: object) -> tuple[str, ...]:
    """The values (and credentials) of auth headers as a caller passed them,
    whatever their shape; what is not a string or mapping of strings is ignored
    here and refused when the request is built."""
    secrets: list[str] = []
    for given in headers:
        values = [given] if isinstance(given, str) else []
        if isinstance(given, Mapping):
            values = [value for value in given.values() if isinstance(value, str)]
        for value in values:
            secrets += [value, *credential_parts(value)]
    return tuple(secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH)


def _nothing(data: Any) -> None:
    return None
