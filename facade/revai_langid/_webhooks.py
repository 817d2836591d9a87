"""Reading the job Rev POSTs to a notification URL when it finishes."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ._errors import ResponseError, shorten
from ._models import Job, MalformedBody

_UNREADABLE = (ValueError, RecursionError, LookupError, TypeError)
"""What decoding, or reading a caller's odd mapping, can raise."""


def parse_notification(body: bytes | str | Mapping[str, object]) -> Job:
    """Read a notification body, `{"job": {...}}`, into the `Job` `get_job` returns.

    Rev signs nothing: check the `Authorization` header you asked it to send (see
    `notification_auth`) before trusting the body.

    Args:
        body: The request body as bytes or text, or already decoded.

    Returns:
        The finished job, with the same parsing rules as `get_job`.

    Raises:
        ResponseError: If the body is not a notification holding a job.
    """
    try:
        data = _decode(body)
        if not isinstance(data, Mapping) or "job" not in data:
            raise MalformedBody('expected a JSON object with a "job" field')
        return Job.from_json(data["job"])
    except _UNREADABLE as exc:
        raise ResponseError(
            f"The notification body is not a Rev AI job notification ({exc}): "
            f"{shorten(_text(body)) or '(empty)'}. Check that the request came "
            "from Rev AI.",
            body=_text(body)[:10_000],
        ) from exc


def _decode(body: bytes | str | Mapping[str, object]) -> object:
    if isinstance(body, Mapping):
        return body
    if isinstance(body, memoryview):
        body = body.tobytes()
    if isinstance(body, bytes | bytearray | str):
        return json.loads(body)
    raise MalformedBody(f"expected bytes, text or a mapping, not {type(body).__name__}")


def _text(body: object) -> str:
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body).decode("utf-8", errors="replace")
    if isinstance(body, str):
        return body
    if isinstance(body, Mapping):
        try:
            return json.dumps(body, default=repr, skipkeys=True)
        except _UNREADABLE:
            return "a mapping that cannot be shown as JSON"
    return f"a {type(body).__name__}"
