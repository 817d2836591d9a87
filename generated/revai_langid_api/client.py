"""The clients that the generated endpoint functions send their requests with."""

import ssl
from types import TracebackType
from typing import Any, Self

import httpx
from attrs import define, evolve, field


@define
class Client:
    """A client for the API's unauthenticated endpoints.

    Keyword arguments besides ``base_url`` shape the httpx clients built on first
    use: ``cookies`` and ``headers`` sent with every request, ``timeout`` (an
    ``httpx.Timeout``), ``verify_ssl`` (False only for testing),
    ``follow_redirects`` (default False) and ``httpx_args``, passed to the
    ``httpx.Client`` and ``httpx.AsyncClient`` constructors as they are.

    Attributes:
        raise_on_unexpected_status: Raise ``errors.UnexpectedStatus`` for a status
            the spec does not document, instead of returning None.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=False
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False
    )
    _timeout: httpx.Timeout | None = field(default=None, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(
        default=True, kw_only=True, alias="verify_ssl"
    )
    _follow_redirects: bool = field(
        default=False, kw_only=True, alias="follow_redirects"
    )
    _httpx_args: dict[str, Any] = field(
        factory=dict, kw_only=True, alias="httpx_args", repr=False
    )
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(
        default=None, init=False, repr=False
    )

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy of this client that also sends ``headers``."""
        for built in (self._client, self._async_client):
            if built is not None:
                built.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy of this client that also sends ``cookies``."""
        for built in (self._client, self._async_client):
            if built is not None:
                built.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A copy of this client with another ``timeout``."""
        for built in (self._client, self._async_client):
            if built is not None:
                built.timeout = timeout
        return evolve(self, timeout=timeout)

    def _request_headers(self) -> dict[str, str]:
        """Headers of every request: the configured ones and any authentication."""
        return dict(self._headers)

    def _httpx_settings(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._request_headers(),
            "timeout": self._timeout,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use ``client`` as it is; the settings of this object no longer apply."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The ``httpx.Client`` requests go through, built on first use."""
        if self._client is None:
            self._client = httpx.Client(
                verify=self._verify_ssl, **self._httpx_settings()
            )
        return self._client

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.get_httpx_client().__exit__(exc_type, exc, traceback)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use ``async_client`` as it is; the settings of this object no longer apply."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` requests go through, built on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                verify=self._verify_ssl, **self._httpx_settings()
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.get_async_httpx_client().__aexit__(exc_type, exc, traceback)


@define
class AuthenticatedClient(Client):
    """A client that authenticates every request with a token.

    Attributes:
        token: The access token; never shown in repr and never stored in headers.
        prefix: Written before the token in the header; empty for none.
        auth_header_name: The header that carries the token.
    """

    token: str = field(repr=False)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def _request_headers(self) -> dict[str, str]:
        credentials = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**self._headers, self.auth_header_name: credentials}
