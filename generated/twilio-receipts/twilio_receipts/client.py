"""Clients: where requests go, with which credentials, timeout and retries."""

from __future__ import annotations

import base64
import functools
import ipaddress
import os
import ssl
from collections.abc import Generator
from types import TracebackType
from typing import Any, Self

import httpx
import stamina
from attrs import define, evolve, field, frozen

from .errors import ConfigurationError, TransportError, parse_retry_after

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
]

DEFAULT_BASE_URL = "https://conversations.twilio.com"
"""Where the API lives (the first server of the API description)."""

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""30 s to read, write or wait for a pooled connection; 10 s to connect."""

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRANSPORT_ARGS = frozenset(
    {"cert", "http1", "http2", "limits", "local_address", "proxy", "retries", "socket_options", "trust_env", "uds"}
)


@frozen(kw_only=True)
class RetryPolicy:
    """When and how a request is tried again.

    A request is retried on a connection error (refused, reset, timed out) and on a
    response whose status is in ``statuses``; a request that may already have had an
    effect (a non-idempotent method such as POST) only when it cannot have: the connection
    was never made, or the status is 429. Waits grow exponentially with random jitter
    (``wait_initial * 2**n + random(0, wait_jitter)``, at most ``wait_max``), except that a
    ``Retry-After`` header is honoured, up to ``max_retry_after`` seconds. Retries stop after
    ``attempts`` tries in all, or once ``timeout`` seconds have passed since the first
    failure; then the last response is returned (so callers see the 429 or 5xx as a typed
    error) or the last connection error is raised as ``errors.TransportError``.

    Retries are done by stamina: ``stamina.set_active(False)`` switches them off
    process-wide, ``stamina.set_testing(True)`` removes the waits in tests.

    Attributes:
        attempts: Tries in all, the first one included (1 = no retries).
        timeout: Seconds after the first failure past which no retry is started; None for
            no limit.
        wait_initial: Seconds before the first retry (plus jitter).
        wait_max: Longest wait between two tries, Retry-After aside.
        wait_jitter: Largest random addition to each wait.
        max_retry_after: Cap, in seconds, on the wait a Retry-After header asks for.
        statuses: Statuses that are retried.
    """

    attempts: int = 4
    timeout: float | None = 45.0
    wait_initial: float = 0.25
    wait_max: float = 8.0
    wait_jitter: float = 0.5
    max_retry_after: float = 30.0
    statuses: frozenset[int] = field(
        default=frozenset({429, 500, 502, 503, 504}),
        converter=frozenset,
        repr=lambda statuses: "{" + ", ".join(map(str, sorted(statuses))) + "}",
    )

    def __attrs_post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts must be at least 1 (1 means no retries)")

    def _retries_status(self, request: httpx.Request, status: int) -> bool:
        return status in self.statuses and (status == 429 or request.method in _IDEMPOTENT_METHODS)

    def _retries_error(self, request: httpx.Request, exc: Exception) -> bool:
        if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            return True  # nothing was sent
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.ProxyError):
            return False  # will not get better
        return isinstance(exc, httpx.TransportError) and request.method in _IDEMPOTENT_METHODS

    def _backoff(self, request: httpx.Request, exc: Exception) -> bool | float:
        """stamina's backoff hook: False to give up, True for the usual wait, or seconds."""
        if isinstance(exc, _RetryableStatus):
            retry_after = parse_retry_after(exc.response.headers.get("Retry-After"))
            return True if retry_after is None else min(retry_after, self.max_retry_after)
        return self._retries_error(request, exc)

    def _retry_context(self, request: httpx.Request) -> Any:
        # The first try has already failed when this is entered: the caller replays that
        # failure as attempt 1, so that stamina decides about it and does the waiting.
        return stamina.retry_context(
            on=lambda exc: self._backoff(request, exc),
            attempts=self.attempts,
            timeout=self.timeout,
            wait_initial=self.wait_initial,
            wait_max=self.wait_max,
            wait_jitter=self.wait_jitter,
        )


class _RetryableStatus(Exception):
    """A response with a status worth retrying, raised inside the retry loop only."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response

    def __repr__(self) -> str:
        return f"<HTTP {self.response.status_code}>"


class _RetryingTransport(httpx.BaseTransport):
    """Retries the wrapped transport's requests under a RetryPolicy (None: never).

    The first try runs without any retry machinery; only a failure enters stamina's loop.
    Connection errors come out as errors.TransportError.
    """

    def __init__(self, transport: httpx.BaseTransport, policy: RetryPolicy | None) -> None:
        self._transport = transport
        self._policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        policy = self._policy
        try:
            response = self._transport.handle_request(request)
        except httpx.TransportError as exc:
            if policy is None or not policy._retries_error(request, exc):
                raise TransportError.wrap(exc, request) from exc
            return self._retry(policy, request, exc)
        if policy is not None and policy._retries_status(request, response.status_code):
            try:
                response.read()
            finally:
                response.close()
            return self._retry(policy, request, _RetryableStatus(response))
        return response

    def _retry(self, policy: RetryPolicy, request: httpx.Request, first: Exception) -> httpx.Response:
        pending: Exception | None = first
        try:
            for attempt in policy._retry_context(request):
                with attempt:
                    if pending is not None:
                        failure, pending = pending, None
                        raise failure
                    response = self._transport.handle_request(request)
                    if policy._retries_status(request, response.status_code):
                        try:
                            response.read()
                        finally:
                            response.close()
                        raise _RetryableStatus(response)
                    return response
        except _RetryableStatus as exc:
            return exc.response
        except httpx.TransportError as exc:
            raise TransportError.wrap(exc, request) from exc
        raise AssertionError("unreachable: stamina either returns or raises")  # pragma: no cover

    def close(self) -> None:
        self._transport.close()


class _AsyncRetryingTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of _RetryingTransport."""

    def __init__(self, transport: httpx.AsyncBaseTransport, policy: RetryPolicy | None) -> None:
        self._transport = transport
        self._policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = self._policy
        try:
            response = await self._transport.handle_async_request(request)
        except httpx.TransportError as exc:
            if policy is None or not policy._retries_error(request, exc):
                raise TransportError.wrap(exc, request) from exc
            return await self._retry(policy, request, exc)
        if policy is not None and policy._retries_status(request, response.status_code):
            try:
                await response.aread()
            finally:
                await response.aclose()
            return await self._retry(policy, request, _RetryableStatus(response))
        return response

    async def _retry(self, policy: RetryPolicy, request: httpx.Request, first: Exception) -> httpx.Response:
        pending: Exception | None = first
        try:
            async for attempt in policy._retry_context(request):
                with attempt:
                    if pending is not None:
                        failure, pending = pending, None
                        raise failure
                    response = await self._transport.handle_async_request(request)
                    if policy._retries_status(request, response.status_code):
                        try:
                            await response.aread()
                        finally:
                            await response.aclose()
                        raise _RetryableStatus(response)
                    return response
        except _RetryableStatus as exc:
            return exc.response
        except httpx.TransportError as exc:
            raise TransportError.wrap(exc, request) from exc
        raise AssertionError("unreachable: stamina either returns or raises")  # pragma: no cover

    async def aclose(self) -> None:
        await self._transport.aclose()


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every client: building one loads the CA bundle
    (~50 ms), which httpx would otherwise do for each client and each of its transports."""
    return httpx.create_ssl_context()


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme))


class _OriginBoundBasicAuth(httpx.Auth):
    """HTTP Basic credentials sent only to one origin (scheme, host, port).

    Whatever a response or a caller asks for, a request to any other host goes without
    them.
    """

    def __init__(self, username: str, password: str, origin: tuple[str, str, int | None]) -> None:
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self._header = f"Basic {token}"
        self._origin = origin

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if _origin(request.url) == self._origin:
            request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {self._origin[0]}://{self._origin[1]}>"


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_base_url(base_url: str, allow_insecure_http: bool) -> httpx.URL:
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url is not a URL: {exc}") from None
    if url.scheme not in _DEFAULT_PORTS or not url.host:
        raise ConfigurationError("base_url must be an absolute http(s) URL, such as " + DEFAULT_BASE_URL)
    if url.userinfo:
        raise ConfigurationError("base_url must not carry credentials: pass username= and password=")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ConfigurationError(
            f"base_url {url.scheme}://{url.host} is plain http: credentials and data would cross the "
            "network unencrypted; use https, or pass allow_insecure_http=True if you mean it"
        )
    return url


def _credentials(username: str | None, password: str | None) -> tuple[str, str]:
    if username is None and password is None:
        env = os.environ
        for user_var, secret_var in (
            ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"),
            ("TWILIO_API_KEY", "TWILIO_API_SECRET"),
        ):
            env_user, env_secret = env.get(user_var), env.get(secret_var)
            if env_user and env_secret:
                return env_user, env_secret
        raise ConfigurationError(
            "no credentials: pass username= and password= (Account SID and Auth Token, or API Key "
            "SID and secret), or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY "
            "and TWILIO_API_SECRET)"
        )
    if not username or not password:
        raise ConfigurationError("pass both username= and password=, neither of them empty")
    return username, password


@define(repr=False)
class Client:
    """A client for endpoints that need no credentials.

    Arguments (all keyword-only but ``base_url``):

        ``base_url``: Where the API lives; requests go to paths under it. Default
        ``DEFAULT_BASE_URL``. Must be https, or http on a loopback host (127.0.0.1, ::1,
        localhost) unless ``allow_insecure_http=True``.

        ``timeout``: An ``httpx.Timeout`` or seconds; default ``DEFAULT_TIMEOUT``. ``None``
        waits forever.

        ``retries``: A ``RetryPolicy``, default ``RetryPolicy()``; ``None`` switches retries off.

        ``allow_insecure_http``: Allow a plain-http ``base_url`` on a non-loopback host.

        ``cookies``, ``headers``: Sent with every request.

        ``verify_ssl``: TLS verification: True (default), a CA bundle path or an
        ``ssl.SSLContext``. False disables it: **a security risk**.

        ``follow_redirects``: Whether to follow redirects (default False).

        ``httpx_args``: More arguments for ``httpx.Client``/``httpx.AsyncClient``
        (``limits``, ``proxy``, ``http2``, ``transport``, ... reach the transport that
        retries wrap).

        ``raise_on_unexpected_status``: Whether the stock functions raise
        ``errors.UnexpectedStatus`` for a status the operation does not document.

    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout | float | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _retries: RetryPolicy | None = field(factory=RetryPolicy, kw_only=True, alias="retries")
    _allow_insecure_http: bool = field(default=False, kw_only=True, alias="allow_insecure_http")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _url: httpx.URL = field(init=False)

    def __attrs_post_init__(self) -> None:
        self._url = _check_base_url(self._base_url, self._allow_insecure_http)

    def __repr__(self) -> str:
        return f"Client(base_url={self._base_url!r}, timeout={self._timeout!r}, retries={self._retries!r})"

    @property
    def base_url(self) -> str:
        """Where the API lives; requests go to paths under it."""
        return self._base_url

    @property
    def retries(self) -> RetryPolicy | None:
        """The retry policy (None: no retries)."""
        return self._retries

    def with_headers(self, headers: dict[str, str]) -> Client:
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Client:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float | None) -> Client:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = httpx.Timeout(timeout)
        if self._async_client is not None:
            self._async_client.timeout = httpx.Timeout(timeout)
        return evolve(self, timeout=timeout)

    def _httpx_kwargs(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> dict[str, Any]:
        args = {k: v for k, v in self._httpx_args.items() if k != "transport" and k not in _TRANSPORT_ARGS}
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self._timeout,
            "follow_redirects": self._follow_redirects,
            "auth": None,
            "transport": transport,
            **args,
        }

    def _transport_kwargs(self) -> dict[str, Any]:
        args = {k: v for k, v in self._httpx_args.items() if k in _TRANSPORT_ARGS}
        verify = self._verify_ssl
        if verify is True and "cert" not in args and args.get("trust_env", True):
            verify = _default_ssl_context()
        return {"verify": verify, **args}

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, timeout, credentials and retries.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            transport = self._httpx_args.get("transport") or httpx.HTTPTransport(**self._transport_kwargs())
            self._client = httpx.Client(**self._httpx_kwargs(_RetryingTransport(transport, self._retries)))
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(exc_type, exc_value, traceback)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, timeout, credentials and retries.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            transport = self._httpx_args.get("transport") or httpx.AsyncHTTPTransport(**self._transport_kwargs())
            self._async_client = httpx.AsyncClient(
                **self._httpx_kwargs(_AsyncRetryingTransport(transport, self._retries))
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(exc_type, exc_value, traceback)


@define(repr=False)
class AuthenticatedClient:
    """A client that sends HTTP Basic credentials (Twilio's) with every request to its base URL.

    ``username``/``password`` are an Account SID and its Auth Token, or an API Key SID
    (``SK...``) and its secret. Without them the client reads ``TWILIO_ACCOUNT_SID`` and
    ``TWILIO_AUTH_TOKEN``, or else ``TWILIO_API_KEY`` and ``TWILIO_API_SECRET``, and raises
    ``errors.ConfigurationError`` when neither pair is set. The credentials go only to the
    origin (scheme, host, port) of ``base_url``, and the secret never appears in repr().

    Arguments (all keyword-only but ``base_url``):

        ``base_url``: Where the API lives; requests go to paths under it. Default
        ``DEFAULT_BASE_URL``. Must be https, or http on a loopback host (127.0.0.1, ::1,
        localhost) unless ``allow_insecure_http=True``.

        ``timeout``: An ``httpx.Timeout`` or seconds; default ``DEFAULT_TIMEOUT``. ``None``
        waits forever.

        ``retries``: A ``RetryPolicy``, default ``RetryPolicy()``; ``None`` switches retries off.

        ``allow_insecure_http``: Allow a plain-http ``base_url`` on a non-loopback host.

        ``cookies``, ``headers``: Sent with every request.

        ``verify_ssl``: TLS verification: True (default), a CA bundle path or an
        ``ssl.SSLContext``. False disables it: **a security risk**.

        ``follow_redirects``: Whether to follow redirects (default False).

        ``httpx_args``: More arguments for ``httpx.Client``/``httpx.AsyncClient``
        (``limits``, ``proxy``, ``http2``, ``transport``, ... reach the transport that
        retries wrap).

        ``raise_on_unexpected_status``: Whether the stock functions raise
        ``errors.UnexpectedStatus`` for a status the operation does not document.

    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout | float | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _retries: RetryPolicy | None = field(factory=RetryPolicy, kw_only=True, alias="retries")
    _allow_insecure_http: bool = field(default=False, kw_only=True, alias="allow_insecure_http")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _url: httpx.URL = field(init=False)

    _username: str | None = field(default=None, kw_only=True, alias="username")
    _password: str | None = field(default=None, kw_only=True, alias="password", repr=False)

    def __attrs_post_init__(self) -> None:
        self._url = _check_base_url(self._base_url, self._allow_insecure_http)
        self._username, self._password = _credentials(self._username, self._password)

    @property
    def username(self) -> str:
        """The Account SID or API Key SID the client authenticates as."""
        assert self._username is not None  # set by __attrs_post_init__
        return self._username

    def __repr__(self) -> str:
        return (
            f"AuthenticatedClient(base_url={self._base_url!r}, username={self._username!r}, "
            f"password='***', timeout={self._timeout!r}, retries={self._retries!r})"
        )

    def _auth(self) -> _OriginBoundBasicAuth:
        assert self._username is not None and self._password is not None  # set by __attrs_post_init__
        return _OriginBoundBasicAuth(self._username, self._password, _origin(self._url))

    @property
    def base_url(self) -> str:
        """Where the API lives; requests go to paths under it."""
        return self._base_url

    @property
    def retries(self) -> RetryPolicy | None:
        """The retry policy (None: no retries)."""
        return self._retries

    def with_headers(self, headers: dict[str, str]) -> AuthenticatedClient:
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> AuthenticatedClient:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float | None) -> AuthenticatedClient:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = httpx.Timeout(timeout)
        if self._async_client is not None:
            self._async_client.timeout = httpx.Timeout(timeout)
        return evolve(self, timeout=timeout)

    def _httpx_kwargs(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> dict[str, Any]:
        args = {k: v for k, v in self._httpx_args.items() if k != "transport" and k not in _TRANSPORT_ARGS}
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self._timeout,
            "follow_redirects": self._follow_redirects,
            "auth": self._auth(),
            "transport": transport,
            **args,
        }

    def _transport_kwargs(self) -> dict[str, Any]:
        args = {k: v for k, v in self._httpx_args.items() if k in _TRANSPORT_ARGS}
        verify = self._verify_ssl
        if verify is True and "cert" not in args and args.get("trust_env", True):
            verify = _default_ssl_context()
        return {"verify": verify, **args}

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, timeout, credentials and retries.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            transport = self._httpx_args.get("transport") or httpx.HTTPTransport(**self._transport_kwargs())
            self._client = httpx.Client(**self._httpx_kwargs(_RetryingTransport(transport, self._retries)))
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(exc_type, exc_value, traceback)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, timeout, credentials and retries.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            transport = self._httpx_args.get("transport") or httpx.AsyncHTTPTransport(**self._transport_kwargs())
            self._async_client = httpx.AsyncClient(
                **self._httpx_kwargs(_AsyncRetryingTransport(transport, self._retries))
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(exc_type, exc_value, traceback)
