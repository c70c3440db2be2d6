"""Refuse connections to addresses a fetcher must not reach (SSRF), checked at connect time.

A URL given by a user, a feed or a redirect can point at the machine itself
(``127.0.0.1``, ``localhost``), the local network (``10.x``) or a cloud metadata
service (``169.254.169.254``). Checking the host name before the request is not
enough: DNS can answer differently a moment later (rebinding). So the check lives
in the httpx transport's network backend: :class:`GuardedBackend` resolves the
host itself, refuses the connection if *any* address it resolves to is not
public, then connects to the checked address (never to the name), and checks the
peer of the socket it got.

:class:`GuardedTransport` is an httpx transport over an httpcore connection pool
with that backend; the resolver is injectable, which is how tests point a name at
an address of their choosing.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from crosswire.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: ``resolve(host, port)`` -> the IP addresses a host name stands for (literals as themselves).
Resolver = Callable[[str, int], list[str]]

#: NAT64 (RFC 6052): the last 32 bits are an IPv4 address a gateway will connect to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressRefused(FetchError):
    """A host resolves to an address the fetcher may not connect to."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``getaddrinfo`` gives for ``host`` (TCP), in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
    seen: dict[str, None] = {}
    for *_, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]).split("%")[0], None)
    return list(seen)


def address_problem(address: str) -> str | None:
    """Why ``address`` is not a public unicast address ("a loopback address"), or None."""
    ip: IPAddress = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 address that carries an IPv4 one reaches that IPv4 address.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_problem(str(embedded))
            return f"{inner} (inside {ip})" if inner else None
    for label, flagged in (
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a reserved", ip.is_reserved),
        ("a private", ip.is_private),
    ):
        if flagged:
            return f"{label} address"
    if not ip.is_global:
        return "a non-public address"  # shared (100.64/10), documentation, benchmarking...
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to: public ones, plus ``allowed`` networks.

    ``allow_private`` lifts the check entirely (a fetcher on a trusted intranet, tests).
    """

    allow_private: bool = False
    allowed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for net in self.allowed:
            ipaddress.ip_network(net, strict=False)  # a typo fails here, not at connect time

    def check(self, host: str, address: str) -> None:
        """Raise :class:`AddressRefused` unless ``address`` (``host`` resolved) is allowed."""
        if self.allow_private:
            return
        problem = address_problem(address)
        if problem is None or self._explicitly_allowed(address):
            return
        named = address if _same_address(host, address) else f"{host} resolves to {address},"
        raise AddressRefused(
            f"refused: {named} {problem} (use --allow-private to fetch from private networks)"
        )

    def _explicitly_allowed(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        return any(ip in ipaddress.ip_network(net, strict=False) for net in self.allowed)


def _same_address(host: str, address: str) -> bool:
    """Whether ``host`` is an IP literal for ``address`` (``::ffff:a9fe:a9fe`` is one)."""
    try:
        return ipaddress.ip_address(host.strip("[]")) == ipaddress.ip_address(address)
    except ValueError:
        return False


def _without_zone(host: str) -> str:
    """``fe80::1`` for ``fe80::1%25eth0`` or ``fe80::1%eth0``; any other host as it is.

    An IPv6 literal in a URL may carry a zone id (RFC 6874 writes the ``%`` as
    ``%25``). ``getaddrinfo`` cannot resolve the ``%25`` form at all, so without
    this such a URL failed as "cannot resolve" instead of being refused for what
    it is: a link-local address.
    """
    address, percent, _zone = host.partition("%")
    if not percent:
        return host
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return host
    return address


class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that connects only to addresses ``policy`` allows."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        inner: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.policy = policy
        self.resolver = resolver
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve ``host``, check every address, connect to the first that answers."""
        addresses = self.resolver(_without_zone(host), port)
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        for address in addresses:
            self.policy.check(host, address)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
                continue
            self._check_peer(host, stream)
            return stream
        assert error is not None
        raise error

    def _check_peer(self, host: str, stream: httpcore.NetworkStream) -> None:
        """Check the address the socket is really connected to (a backend might re-resolve)."""
        peer = stream.get_extra_info("server_addr")
        if isinstance(peer, tuple) and peer:
            try:
                self.policy.check(host, str(peer[0]).split("%")[0])
            except AddressRefused:
                stream.close()
                raise

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Never: a fetcher has no business with local sockets."""
        raise AddressRefused("refused: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        """Delegate (httpcore sleeps between connection retries)."""
        self.inner.sleep(seconds)


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport whose every connection goes through a :class:`GuardedBackend`.

    No proxy is ever used (a proxy would connect on our behalf, unchecked).
    """

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.backend = GuardedBackend(policy, resolver=resolver)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=self.backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the guarded pool; httpcore errors become httpx ones."""
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            response = self._pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


class _Stream(httpx.SyncByteStream):
    def __init__(self, inner: Iterable[bytes]) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._inner

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


@contextmanager
def _httpx_errors() -> Iterator[None]:
    """Re-raise httpcore's exceptions as httpx's of the same name (the two trees mirror)."""
    try:
        yield
    except httpcore.TimeoutException as e:
        raise getattr(httpx, type(e).__name__, httpx.TimeoutException)(str(e)) from e
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as e:
        raise getattr(httpx, type(e).__name__, httpx.TransportError)(str(e)) from e
