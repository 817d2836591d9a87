from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_problem import BadRequestProblem
from ...models.language_id_job import LanguageIdJob
from ...models.problem import Problem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Response, Unset


def build_request_kwargs(
    *,
    limit: int | Unset = 100,
    starting_after: str | Unset = UNSET,
) -> dict[str, Any]:
    """Keyword arguments for `httpx.Client.request` that perform this operation."""
    headers: dict[str, Any] = {}
    headers["Accept"] = "application/json"

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["starting_after"] = starting_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/languageid/v1/jobs",
        "params": params,
    }

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
) -> BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem | None:
    data = _json_body(response)
    if response.status_code == 200 and data is not _NOT_JSON:
        response_200 = []
        _response_200 = data
        for response_200_item_data in _response_200:
            response_200_item = LanguageIdJob.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400 and data is not _NOT_JSON:
        response_400 = BadRequestProblem.from_dict(data)

        return response_400

    if response.status_code == 401 and data is not _NOT_JSON:
        response_401 = UnauthorizedProblem.from_dict(data)

        return response_401

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
) -> Response[BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem]:
    return Response(
        status_code=_http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    starting_after: str | Unset = UNSET,
) -> Response[BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem]:
    """List language identification jobs

     Lists the jobs of the last 30 days, newest first. Use `starting_after` with the
    id of the last job of a page to read the next page.

    Args:
        limit (int | Unset):  Default: 100.
        starting_after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem]
    """

    request_kwargs = build_request_kwargs(
        limit=limit,
        starting_after=starting_after,
    )
    response = client.get_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    starting_after: str | Unset = UNSET,
) -> BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem | None:
    """List language identification jobs

     Lists the jobs of the last 30 days, newest first. Use `starting_after` with the
    id of the last job of a page to read the next page.

    Args:
        limit (int | Unset):  Default: 100.
        starting_after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        starting_after=starting_after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    starting_after: str | Unset = UNSET,
) -> Response[BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem]:
    """List language identification jobs

     Lists the jobs of the last 30 days, newest first. Use `starting_after` with the
    id of the last job of a page to read the next page.

    Args:
        limit (int | Unset):  Default: 100.
        starting_after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem]
    """

    request_kwargs = build_request_kwargs(
        limit=limit,
        starting_after=starting_after,
    )
    response = await client.get_async_httpx_client().request(**request_kwargs)
    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    starting_after: str | Unset = UNSET,
) -> BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem | None:
    """List language identification jobs

     Lists the jobs of the last 30 days, newest first. Use `starting_after` with the
    id of the last job of a page to read the next page.

    Args:
        limit (int | Unset):  Default: 100.
        starting_after (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code, or a body that is not JSON where JSON is documented, and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | list[LanguageIdJob] | Problem | UnauthorizedProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            starting_after=starting_after,
        )
    ).parsed
