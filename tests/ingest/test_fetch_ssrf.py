"""SSRF: the fetcher refuses non-public addresses, checked at connect time.

Nothing here mocks the refusal: requests go through the real transport, the real
backend and the real address check. A test that needs a host name to point at a
chosen address injects a resolver (the transport's seam), and a refused request is
shown not to have reached the local test server at all.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpcore
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.errors import FetchError
from crosswire.ingest.fetch import Fetcher, FetchOptions
from crosswire.ingest.guard import (
    AddressPolicy,
    AddressRefused,
    GuardedBackend,
    address_problem,
    system_resolver,
)
from tests.ingest.feedserver import FeedServer, serving

DEFAULT = FetchOptions(min_interval=0.0, timeout=3.0)
#: Only the test server's address is allowed: everything else must still be refused.
ONLY_TEST_SERVER = FetchOptions(allowed_networks=("127.0.0.1/32",), min_interval=0.0, timeout=3.0)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serving() as running:
        yield running


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.20.30.40", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("fd12:3456::1", "a private address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "a non-public address"),
        ("::ffff:127.0.0.1", "a loopback address (inside ::ffff:7f00:1)"),
        ("::ffff:169.254.169.254", "a link-local address (inside ::ffff:a9fe:a9fe)"),
        ("2002:a00:1::1", "a private address (inside 2002:a00:1::1)"),
        ("64:ff9b::a9fe:a9fe", "a link-local address (inside 64:ff9b::a9fe:a9fe)"),
    ],
)
def test_non_public_addresses_are_named(address: str, problem: str) -> None:
    assert address_problem(address) == problem


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None
    AddressPolicy().check("news.example", address)


@given(st.ip_addresses(v=4))
def test_an_ipv4_address_inside_ipv6_gets_the_same_verdict(ip: object) -> None:
    verdict = address_problem(str(ip))
    for wrapped in (f"::ffff:{ip}", f"64:ff9b::{ip}"):
        inner = address_problem(wrapped)
        assert (inner is None) == (verdict is None)
        if verdict is not None:
            assert inner is not None and inner.startswith(verdict)


def test_loopback_is_refused_by_default_and_never_reached(server: FeedServer) -> None:
    url = f"{server.base}/articles/tide-gauge.html"
    with Fetcher(DEFAULT) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == (
        f"{url}: refused: 127.0.0.1 a loopback address "
        "(use --allow-private to fetch from private networks)"
    )
    assert server.requests == []


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("[::1]", "::1 a loopback address"),
        ("10.0.0.1", "10.0.0.1 a private address"),
        ("169.254.169.254", "169.254.169.254 a link-local address"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1 a loopback address"),
        ("[::ffff:a9fe:a9fe]", "::ffff:169.254.169.254 a link-local address"),
        ("0.0.0.0", "0.0.0.0 an unspecified address"),
    ],
)
def test_private_address_literals_are_refused_before_connecting(host: str, problem: str) -> None:
    started = time.monotonic()
    with Fetcher(DEFAULT) as fetcher, pytest.raises(AddressRefused, match="refused: ") as caught:
        fetcher.fetch(f"http://{host}:8080/latest/meta-data/")
    assert problem in str(caught.value)
    # No connection was tried: 10.0.0.1 would otherwise hang until the timeout.
    assert time.monotonic() - started < 1.0


def test_ipv4_mapped_ipv6_loopback_is_refused_and_never_reached(server: FeedServer) -> None:
    port = server.server_address[1]
    with Fetcher(DEFAULT) as fetcher, pytest.raises(AddressRefused, match="loopback"):
        fetcher.fetch(f"http://[::ffff:127.0.0.1]:{port}/articles/tide-gauge.html")
    assert server.requests == []


def test_a_name_resolving_to_loopback_is_refused(server: FeedServer) -> None:
    port = server.server_address[1]
    with Fetcher(DEFAULT) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.fetch(f"http://localhost:{port}/articles/tide-gauge.html")
    assert "refused: localhost resolves to" in str(caught.value)
    assert "a loopback address" in str(caught.value)
    assert server.requests == []


def test_a_redirect_to_a_private_address_is_refused(server: FeedServer) -> None:
    target = "http://169.254.169.254/latest/meta-data/iam/"
    with Fetcher(ONLY_TEST_SERVER) as fetcher:
        # The test server itself is allowed here ...
        assert fetcher.fetch(f"{server.base}/articles/tide-gauge.html").status == 200
        # ... but not where it redirects to.
        with pytest.raises(AddressRefused, match=re.escape("169.254.169.254 a link-local address")):
            fetcher.fetch(f"{server.base}/to?url={target}")
    assert f"/to?url={target}" in server.requests


def test_a_redirect_to_a_name_resolving_to_loopback_is_refused(server: FeedServer) -> None:
    port = server.server_address[1]
    resolved = {"news.test": ["127.0.0.1"], "intranet.test": ["10.1.2.3"]}
    options = FetchOptions(allowed_networks=("127.0.0.1/32",), min_interval=0.0, obey_robots=False)
    with Fetcher(options, resolver=lambda host, port: resolved[host]) as fetcher:
        assert fetcher.fetch(f"http://news.test:{port}/articles/tide-gauge.html").status == 200
        with pytest.raises(AddressRefused, match=re.escape("intranet.test resolves to 10.1.2.3")):
            fetcher.fetch(f"http://news.test:{port}/to?url=http://intranet.test:{port}/")
    assert server.requests == [
        "/articles/tide-gauge.html",
        f"/to?url=http://intranet.test:{port}/",
    ]


def test_every_connection_is_checked_so_dns_rebinding_fails(server: FeedServer) -> None:
    """A name that resolved to an allowed address may answer differently a moment later."""
    port = server.server_address[1]
    answers = iter([["127.0.0.1"], ["127.0.0.1"], ["10.9.8.7"]])
    options = FetchOptions(allowed_networks=("127.0.0.1/32",), min_interval=0.0)
    with Fetcher(options, resolver=lambda host, port: next(answers)) as fetcher:
        fetcher.fetch(f"http://rebind.test:{port}/articles/tide-gauge.html")  # robots + page
        with pytest.raises(AddressRefused, match=re.escape("rebind.test resolves to 10.9.8.7")):
            fetcher.fetch(f"http://rebind.test:{port}/articles/ferry-strike.html")
    assert server.requests == ["/robots.txt", "/articles/tide-gauge.html"]


def test_a_name_with_one_private_address_among_public_ones_is_refused(server: FeedServer) -> None:
    port = server.server_address[1]
    with (
        Fetcher(DEFAULT, resolver=lambda host, port: ["93.184.215.14", "127.0.0.1"]) as fetcher,
        pytest.raises(AddressRefused, match=re.escape("mixed.test resolves to 127.0.0.1")),
    ):
        fetcher.fetch(f"http://mixed.test:{port}/")
    assert server.requests == []


def test_allow_private_lifts_the_check(server: FeedServer) -> None:
    options = FetchOptions(allow_private=True, min_interval=0.0)
    with Fetcher(options) as fetcher:
        assert fetcher.fetch(f"{server.base}/articles/tide-gauge.html").status == 200


def test_allowed_networks_are_checked_when_given() -> None:
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6 network"):
        Fetcher(FetchOptions(allowed_networks=("10.0.0.0/33",)))


def test_refusals_are_fetch_errors() -> None:
    assert issubclass(AddressRefused, FetchError)


# Other spellings of a private address. httpx (0.28) keeps a host that is not a
# plain dotted quad as a *name* (it does not normalise "2130706433" the way a
# browser's WHATWG parser would), and the guard resolves that name with
# getaddrinfo, whose inet_aton reads decimal, octal, hex and short forms exactly
# as the connection would. Dotted quads with a leading zero httpx refuses outright.
# These tests pin both facts, so a change in either library shows up here.

#: host as written in the URL -> host as httpx parses it.
NAMES_HTTPX_KEEPS = {
    "2130706433": "2130706433",  # decimal
    "017700000001": "017700000001",  # octal, one number
    "0x7f000001": "0x7f000001",  # hex, one number
    "0x7f.1": "0x7f.1",  # hex and short
    "0x7f.0.0.1": "0x7f.0.0.1",
    "127.1": "127.1",  # short forms
    "127.0.1": "127.0.1",
    "0": "0",  # 0.0.0.0
    "127\u30020\u30020\u30021": "127.0.0.1",  # ideographic full stops (IDNA maps them)
    "[::1]": "::1",
    "[0:0:0:0:0:0:0:1]": "0:0:0:0:0:0:0:1",
    "[0000::1]": "0000::1",
    "[::ffff:127.0.0.1]": "::ffff:127.0.0.1",
    "[::ffff:7f00:1]": "::ffff:7f00:1",
    "[::]": "::",
    "[fe80::1%25eth0]": "fe80::1%25eth0",  # zone id as RFC 6874 writes it in a URL
}

#: Dotted quads with leading zeros: invalid to httpx (getaddrinfo reads 0177 as octal 127).
QUADS_HTTPX_REFUSES = ["0177.0.0.1", "127.000.000.001", "0127.0.0.1"]

#: Every spelling above that reaches a private address, and the problem the guard names.
PRIVATE_SPELLINGS = [
    ("2130706433", "a loopback address"),
    ("017700000001", "a loopback address"),
    ("0x7f000001", "a loopback address"),
    ("0x7f.1", "a loopback address"),
    ("0x7f.0.0.1", "a loopback address"),
    ("0x7f.0.0.01", "a loopback address"),  # a name to httpx (not all digits): octal 01
    ("127.1", "a loopback address"),
    ("127.0.1", "a loopback address"),
    ("0", "an unspecified address"),
    ("0.0.0.0", "an unspecified address"),
    ("2852039166", "a link-local address"),  # 169.254.169.254, the metadata service
    ("0xa9fea9fe", "a link-local address"),
    ("127\u30020\u30020\u30021", "a loopback address"),
    ("[::1]", "a loopback address"),
    ("[0:0:0:0:0:0:0:1]", "a loopback address"),
    ("[0000::1]", "a loopback address"),
    ("[::ffff:127.0.0.1]", "a loopback address"),
    ("[::ffff:7f00:1]", "a loopback address"),
    ("[::]", "an unspecified address"),
    ("[fe80::1%25eth0]", "a link-local address"),
    ("[fe80::1%eth0]", "a link-local address"),
    ("[::127.0.0.1]", "a reserved address"),  # IPv4-compatible (deprecated): ::/8
    ("[64:ff9b::7f00:1]", "a loopback address"),  # NAT64
]


@pytest.mark.parametrize(("written", "parsed"), sorted(NAMES_HTTPX_KEEPS.items()))
def test_how_httpx_parses_numeric_and_bracketed_hosts(written: str, parsed: str) -> None:
    assert httpx.URL(f"http://{written}:8080/").host == parsed


@pytest.mark.parametrize("written", QUADS_HTTPX_REFUSES)
def test_httpx_refuses_dotted_quads_with_leading_zeros(written: str) -> None:
    with pytest.raises(httpx.InvalidURL, match="Invalid IPv4 address"):
        httpx.URL(f"http://{written}:8080/")


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.000.000.001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("0127.0.0.1", "87.0.0.1"),  # octal 0127 is 87: not loopback at all
    ],
)
def test_the_system_resolver_reads_numeric_spellings_as_inet_aton_does(
    host: str, address: str
) -> None:
    assert system_resolver(host, 80) == [address]


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        *((host.strip("[]"), problem) for host, problem in PRIVATE_SPELLINGS),
        ("0177.0.0.1", "a loopback address"),
        ("127.000.000.001", "a loopback address"),
    ],
)
def test_the_backend_refuses_every_spelling_whatever_the_url_parser_does(
    host: str, problem: str
) -> None:
    """The guard itself, below httpx: a host that reaches a private address is refused."""
    backend = GuardedBackend(AddressPolicy(), inner=_NeverConnect())
    with pytest.raises(AddressRefused, match=re.escape(problem)):
        backend.connect_tcp(host, 80)


@pytest.mark.parametrize(("host", "problem"), PRIVATE_SPELLINGS)
def test_private_spellings_are_refused_and_never_reached(
    server: FeedServer, host: str, problem: str
) -> None:
    port = server.server_address[1]
    with Fetcher(DEFAULT) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.fetch(f"http://{host}:{port}/articles/tide-gauge.html")
    assert problem in str(caught.value)
    assert server.requests == []


@pytest.mark.parametrize("host", QUADS_HTTPX_REFUSES)
def test_dotted_quads_with_leading_zeros_are_not_fetched(server: FeedServer, host: str) -> None:
    port = server.server_address[1]
    with Fetcher(DEFAULT) as fetcher, pytest.raises(FetchError, match="Invalid IPv4 address") as e:
        fetcher.fetch(f"http://{host}:{port}/articles/tide-gauge.html")
    assert "robots.txt" not in str(e.value)  # the URL is at fault, not the site's rules
    assert server.requests == []


@pytest.mark.parametrize(
    # A Location header is Latin-1: the ideographic full stops cannot be sent in one.
    "host",
    [host for host, _ in PRIVATE_SPELLINGS if host.isascii()] + QUADS_HTTPX_REFUSES,
)
def test_a_redirect_to_any_spelling_of_a_private_address_is_refused(
    server: FeedServer, redirector: FeedServer, host: str
) -> None:
    """A redirector on 127.0.0.2 (allowed) points at the test server on 127.0.0.1 (not)."""
    port = server.server_address[1]
    target = f"http://{host}:{port}/articles/tide-gauge.html"
    options = FetchOptions(
        allowed_networks=("127.0.0.2/32",), min_interval=0.0, timeout=3.0, obey_robots=False
    )
    with Fetcher(options) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(f"{redirector.base}/to?url={quote(target, safe='')}")
    if host not in QUADS_HTTPX_REFUSES:
        assert isinstance(caught.value, AddressRefused), caught.value
    assert len(redirector.requests) == 1  # the redirect itself was fetched ...
    assert server.requests == []  # ... and where it pointed was not


class _NeverConnect(httpcore.SyncBackend):
    """A backend that fails the test if the guard ever lets a connection through."""

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise AssertionError(f"connected to {args}")


@pytest.fixture
def redirector() -> Iterator[FeedServer]:
    """A second test server, on 127.0.0.2 (another address than ``server``'s): its
    ``/to?url=U`` redirects to U."""
    with serving("127.0.0.2") as running:
        yield running
