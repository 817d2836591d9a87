from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_problem import BadRequestProblem
from ...models.language_id_job import LanguageIdJob
from ...models.problem import Problem
from ...models.submit_job_file_request import SubmitJobFileRequest
from ...models.submit_job_url_request import SubmitJobUrlRequest
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import Response


def build_request_kwargs(
    *,
    body: SubmitJobUrlRequest | SubmitJobFileRequest,
) -> dict[str, Any]:
    """Keyword arguments for `httpx.Client.request` that perform this operation."""
    headers: dict[str, Any] = {}
    headers["Accept"] = "application/json"

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/languageid/v1/jobs",
    }

    if isinstance(body, SubmitJobUrlRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    if isinstance(body, SubmitJobFileRequest):
        _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


_NOT_JSON: Any = object()
"""What `_json_body` answers for a body that is not JSON."""


def _json_body(response: httpx.Response) -> Any:
    """The decoded body, or `_NOT_JSON` (not JSON, or nested past Python's limit)."""
    try:
        return response.json()
    except (ValueError, RecursionError):
        return _NOT_JSON


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem | None:
    data = _json_body(response)
    if response.status_code == 200 and data is not _NOT_JSON:
        response_200 = LanguageIdJob.from_dict(data)

        return response_200

    if response.status_code == 400 and data is not _NOT_JSON:
        response_400 = BadRequestProblem.from_dict(data)

        return response_400

    if response.status_code == 401 and data is not _NOT_JSON:
        response_401 = UnauthorizedProblem.from_dict(data)

        return response_401

    if response.status_code == 403 and data is not _NOT_JSON:
        response_403 = Problem.from_dict(data)

        return response_403

    if response.status_code == 413 and data is not _NOT_JSON:
        response_413 = Problem.from_dict(data)

        return response_413

    if response.status_code == 429 and data is not _NOT_JSON:
        response_429 = Problem.from_dict(data)

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _http_status(code: int) -> HTTPStatus | int:
    """`code` as an `HTTPStatus`, or as it is when the standard library lacks it."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem]:
    return Response(
        status_code=_http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SubmitJobUrlRequest | SubmitJobFileRequest,
) -> Response[BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem]:
    """Submit a language identification job

     Starts a job for media given by URL (JSON body) or uploaded directly
    (multipart body with a `media` part and an `options` part). Exactly one source
    is needed: `source_config` or the deprecated `media_url` for a JSON body, or the
    `media` part for a multipart body.

    Args:
        body (SubmitJobUrlRequest): Submit a job for media Rev downloads from a URL. Exactly one
            source is needed: `source_config` (preferred) or the deprecated `media_url`; the API
            answers 400 to a body with both or neither.
        body (SubmitJobFileRequest): Submit a job by uploading the media (at most 2 GB). The
            options cannot name another source (`source_config` or `media_url`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem]
    """

    request_kwargs = build_request_kwargs(
        body=body,
    )
    response = client.get_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SubmitJobUrlRequest | SubmitJobFileRequest,
) -> BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem | None:
    """Submit a language identification job

     Starts a job for media given by URL (JSON body) or uploaded directly
    (multipart body with a `media` part and an `options` part). Exactly one source
    is needed: `source_config` or the deprecated `media_url` for a JSON body, or the
    `media` part for a multipart body.

    Args:
        body (SubmitJobUrlRequest): Submit a job for media Rev downloads from a URL. Exactly one
            source is needed: `source_config` (preferred) or the deprecated `media_url`; the API
            answers 400 to a body with both or neither.
        body (SubmitJobFileRequest): Submit a job by uploading the media (at most 2 GB). The
            options cannot name another source (`source_config` or `media_url`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SubmitJobUrlRequest | SubmitJobFileRequest,
) -> Response[BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem]:
    """Submit a language identification job

     Starts a job for media given by URL (JSON body) or uploaded directly
    (multipart body with a `media` part and an `options` part). Exactly one source
    is needed: `source_config` or the deprecated `media_url` for a JSON body, or the
    `media` part for a multipart body.

    Args:
        body (SubmitJobUrlRequest): Submit a job for media Rev downloads from a URL. Exactly one
            source is needed: `source_config` (preferred) or the deprecated `media_url`; the API
            answers 400 to a body with both or neither.
        body (SubmitJobFileRequest): Submit a job by uploading the media (at most 2 GB). The
            options cannot name another source (`source_config` or `media_url`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem]
    """

    request_kwargs = build_request_kwargs(
        body=body,
    )
    response = await client.get_async_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SubmitJobUrlRequest | SubmitJobFileRequest,
) -> BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem | None:
    """Submit a language identification job

     Starts a job for media given by URL (JSON body) or uploaded directly
    (multipart body with a `media` part and an `options` part). Exactly one source
    is needed: `source_config` or the deprecated `media_url` for a JSON body, or the
    `media` part for a multipart body.

    Args:
        body (SubmitJobUrlRequest): Submit a job for media Rev downloads from a URL. Exactly one
            source is needed: `source_config` (preferred) or the deprecated `media_url`; the API
            answers 400 to a body with both or neither.
        body (SubmitJobFileRequest): Submit a job by uploading the media (at most 2 GB). The
            options cannot name another source (`source_config` or `media_url`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | LanguageIdJob | Problem | UnauthorizedProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
