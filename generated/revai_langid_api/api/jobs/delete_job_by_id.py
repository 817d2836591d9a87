from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conflict_problem import ConflictProblem
from ...models.problem import Problem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import Response


def _path_segment(value: object) -> str:
    """Percent-encode `value` as exactly one path segment.

    Dots are encoded too when the value is only dots, since URL normalisation
    would otherwise read "." or ".." as a step up the path.
    """
    segment = quote(str(value), safe="")
    if segment.strip(".") == "":
        return segment.replace(".", "%2E")
    return segment


def build_request_kwargs(
    id: str,
) -> dict[str, Any]:
    """Keyword arguments for `httpx.Client.request` that perform this operation."""

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": f"/languageid/v1/jobs/{_path_segment(id)}",
    }

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
) -> ConflictProblem | Problem | UnauthorizedProblem | None:
    data = _json_body(response)
    if response.status_code == 204:
        return None

    if response.status_code == 401 and data is not _NOT_JSON:
        response_401 = UnauthorizedProblem.from_dict(data)

        return response_401

    if response.status_code == 403 and data is not _NOT_JSON:
        response_403 = Problem.from_dict(data)

        return response_403

    if response.status_code == 404 and data is not _NOT_JSON:
        response_404 = Problem.from_dict(data)

        return response_404

    if response.status_code == 409 and data is not _NOT_JSON:
        response_409 = ConflictProblem.from_dict(data)

        return response_409

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
) -> Response[ConflictProblem | Problem | UnauthorizedProblem | None]:
    return Response(
        status_code=_http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ConflictProblem | Problem | UnauthorizedProblem | None]:
    """Delete a language identification job

     Deletes a completed or failed job and everything stored for it. Deletion is
    permanent. A job still in progress cannot be deleted (409).

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictProblem | Problem | UnauthorizedProblem | None]
    """

    request_kwargs = build_request_kwargs(
        id=id,
    )
    response = client.get_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> ConflictProblem | Problem | UnauthorizedProblem | None:
    """Delete a language identification job

     Deletes a completed or failed job and everything stored for it. Deletion is
    permanent. A job still in progress cannot be deleted (409).

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictProblem | Problem | UnauthorizedProblem | None
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ConflictProblem | Problem | UnauthorizedProblem | None]:
    """Delete a language identification job

     Deletes a completed or failed job and everything stored for it. Deletion is
    permanent. A job still in progress cannot be deleted (409).

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictProblem | Problem | UnauthorizedProblem | None]
    """

    request_kwargs = build_request_kwargs(
        id=id,
    )
    response = await client.get_async_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> ConflictProblem | Problem | UnauthorizedProblem | None:
    """Delete a language identification job

     Deletes a completed or failed job and everything stored for it. Deletion is
    permanent. A job still in progress cannot be deleted (409).

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictProblem | Problem | UnauthorizedProblem | None
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
