"""Malformed requests, as raw bytes, each with the answers it may get.

`malformed(rng, target, count)` draws `count` requests from every category in turn.
Each one is wrong on purpose, in one way that decides its answer, so the expected
statuses are exact sets rather than "anything but 5xx":

    paths_and_methods   a real path broken (case, segments, SIDs, dots, slashes) with a
                        known method: 404, or 405 when only the method is wrong; HEAD gets
                        the same status without a body; a method the HTTP parser does not
                        know: 400
    query_values        one of PageSize / Page / PageToken with a value the spec forbids
                        (huge and binary values included), or any garbage with an invalid
                        PageSize last (the last of a repeated parameter wins): 400
    page_tokens         well-formed tokens that name no receipt of this message (random,
                        another account's, another message's, a real one in upper case): 404
    authorization       missing, other schemes, broken base64, non-UTF-8, no colon, wrong
                        or another account's secret, raw non-ASCII bytes: 401; control
                        characters, which the HTTP parser rejects first: 400
    oversized_heads     request line + headers past the emulator's 64 KiB limit (one huge
                        header, thousands of headers, a huge Host, a huge URL): 400
    percent_encoding    %-garbage in path segments (%ZZ, lone %, %00, %ff, overlong
                        UTF-8, encoded / and ..): 404
    http_syntax         bytes that are not HTTP/1.1 (binary header lines, bad versions,
                        conflicting Content-Length / Transfer-Encoding, broken chunks): 400
                        from the HTTP layer, or 401 when the parser lets it through to
                        the app (the credentials in these requests are wrong on purpose)
    truncated           a head cut short and the sending side closed: no answer at all

Every answer (truncated aside) must be Twilio's JSON error body; `contract.Contract`
checks that. Requests never carry a valid secret in a form that could be echoed: the
secrets scan of the answers is meaningful.
"""

from __future__ import annotations

import base64
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

__all__ = ["CATEGORIES", "Malformed", "Target", "malformed", "request"]


@dataclass(frozen=True, slots=True)
class Target:
    """What the requests aim at: the emulator's Host, a message of account A with its
    receipts in list order, and credentials and SIDs that are not A's."""

    host: str
    username: str
    password: str
    service: str
    conversation: str
    message: str
    receipts: tuple[str, ...]
    foreign_receipts: tuple[str, ...]
    """Receipts that are not the message's (another account's, another message's)."""
    other_username: str
    other_password: str
    other_ids: tuple[str, ...]
    """Another account's service, conversation and message SIDs."""

    @property
    def list_path(self) -> str:
        return (
            f"/v1/Services/{self.service}/Conversations/{self.conversation}/Messages/{self.message}/Receipts"
        )

    @property
    def authorization(self) -> bytes:
        return b"Basic " + base64.b64encode(f"{self.username}:{self.password}".encode())


@dataclass(frozen=True, slots=True)
class Malformed:
    category: str
    data: bytes
    expect: frozenset[int]
    """Statuses it may get; empty: no answer at all."""
    head: bool = False
    """A HEAD request: the answer has headers and no body."""
    half_close: bool = False
    note: str = ""

    def __repr__(self) -> str:
        more = "..." if len(self.data) > 160 else ""
        return f"Malformed({self.category}: {self.note}; {self.data[:160]!r}{more})"


def request(
    method: bytes,
    target: bytes,
    headers: list[tuple[bytes, bytes]],
    *,
    host: bytes,
    version: bytes = b"HTTP/1.1",
    tail: bytes = b"",
) -> bytes:
    lines = [method + b" " + target + b" " + version, b"Host: " + host, b"Connection: close"]
    lines += [name + b": " + value for name, value in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + tail


Generator = Callable[[random.Random, Target], Malformed]

KNOWN_METHODS = (b"POST", b"PUT", b"PATCH", b"DELETE", b"OPTIONS", b"TRACE", b"QUERY", b"PROPFIND", b"HEAD")
UNKNOWN_METHODS = (b"FOO", b"get", b"G3T", b"GETT", b"BREW", b"-", b"G\xc9T")
PERCENT_GARBAGE = (
    "%ZZ",
    "%",
    "%%",
    "%0",
    "%00",
    "%ff",
    "%c0%af",
    "%e2%82",
    "%uD800",
    "%2F",
    "%2e%2e",
    "%25%30%30",
)
TCHARS = "!#$&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Characters a path may hold raw (RFC 3986 pchar, without `%`).
PCHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@"


def _text(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choices(alphabet, k=rng.randint(low, high)))


def _binary(rng: random.Random, low: int, high: int) -> bytes:
    return rng.randbytes(rng.randint(low, high))


def _hex_sid(rng: random.Random, prefix: str) -> str:
    return prefix + f"{rng.getrandbits(128):032x}"


def _auth_header(target: Target) -> tuple[bytes, bytes]:
    return (b"Authorization", target.authorization)


def _wrong_auth(rng: random.Random, target: Target) -> tuple[bytes, bytes]:
    """Credentials that are well-formed and wrong."""
    user = rng.choice([target.username, target.other_username, _hex_sid(rng, "AC"), _hex_sid(rng, "SK")])
    secret = rng.choice([_text(rng, TCHARS, 1, 40), target.other_password + "x", "x" + target.password[1:]])
    if (user, secret) in ((target.username, target.password), (target.other_username, target.other_password)):
        secret += "!"
    return (b"Authorization", b"Basic " + base64.b64encode(f"{user}:{secret}".encode()))


# --- paths and methods -------------------------------------------------------------


_FIXED = {1: "v1", 2: "Services", 4: "Conversations", 6: "Messages", 8: "Receipts"}


def _route_matches(segments: list[str]) -> bool:
    """Whether the path has the shape of one of the two routes (the spec's path
    templates), whatever its SIDs: then a method other than GET is a 405."""
    return len(segments) in (9, 10) and segments[0] == "" and all(segments[i] == w for i, w in _FIXED.items())


def _names_a_resource(segments: list[str], target: Target) -> bool:
    return (
        _route_matches(segments)
        and segments[3] == target.service
        and segments[5] == target.conversation
        and segments[7] == target.message
        and (len(segments) == 9 or segments[9] in target.receipts)
    )


def _broken_path(rng: random.Random, target: Target) -> list[str]:
    """The segments of a path that names nothing."""
    segments = target.list_path.split("/")
    if rng.random() < 0.4:
        segments.append(rng.choice(target.receipts))
    kind = rng.randrange(9)
    if kind == 0:  # a fixed segment in another case, or another word
        index = rng.choice(list(_FIXED))
        word = segments[index]
        segments[index] = rng.choice([word.lower(), word.upper(), word + "s", word[:-1], "v2", ""])
    elif kind == 1:  # a segment less
        del segments[rng.randint(1, len(segments) - 1)]
    elif kind == 2:  # a segment more
        segments.append(rng.choice(["x", "", "..", "Receipts", _hex_sid(rng, "DY")]))
    elif kind == 3:  # dot segments, sent raw (httpx would resolve them)
        segments.insert(rng.randint(1, len(segments)), rng.choice([".", ".."]))
    elif kind == 4:  # doubled slashes
        segments.insert(rng.randint(1, len(segments)), "")
    elif kind == 5:  # a prefix
        segments[1:1] = rng.choice([["v1"], ["2010-04-01"], ["api"], ["", ""]])
    else:
        index = rng.choice([3, 5, 7] + ([9] if len(segments) == 10 else []))
        if kind == 6:  # a SID of the right shape that does not exist
            segments[index] = _hex_sid(rng, segments[index][:2])
        elif kind == 7:  # another account's SID in its place
            segments[index] = rng.choice([*target.other_ids, *target.foreign_receipts])
        else:  # any text, up to 16 KiB
            segments[index] = _text(rng, PCHARS, 0, rng.choice([3, 40, 2000, 16000]))
    if _names_a_resource(segments, target):  # a mutation that changed nothing (e.g. "" for "")
        segments.append("x")
    return segments


def _paths_and_methods(rng: random.Random, target: Target) -> Malformed:
    segments = _broken_path(rng, target)
    path, route_matches = "/".join(segments), _route_matches(segments)
    roll = rng.random()
    if roll < 0.5:
        method, expect = b"GET", {404}
    elif roll < 0.9:
        method = rng.choice(KNOWN_METHODS)
        expect = {405} if route_matches else {404}
    else:
        method, expect = rng.choice(UNKNOWN_METHODS), {400}
    headers = [_auth_header(target)]
    if method not in (b"GET", b"HEAD") and rng.random() < 0.5:
        body = _binary(rng, 0, 2000)
        headers.append((b"Content-Length", b"%d" % len(body)))
    else:
        body = b""
    data = request(method, path.encode(), headers, host=target.host.encode(), tail=body)
    return Malformed(
        "paths_and_methods", data, frozenset(expect), head=method == b"HEAD", note=f"{method!r} {path[:80]}"
    )


# --- query values ------------------------------------------------------------------


# The spec's rules for the three parameters (openapi.yaml: PageSize 1..50, Page >= 0,
# PageToken's pattern); Page also within what Python converts (the emulator's 400).
def _valid_page_size(value: str) -> bool:
    return re.fullmatch(r"-?[0-9]{1,10}", value) is not None and 1 <= int(value) <= 50


def _valid_page(value: str) -> bool:
    limit = sys.get_int_max_str_digits() or sys.maxsize
    return re.fullmatch(r"[0-9]+", value) is not None and len(value) < limit


def _valid_token(value: str) -> bool:
    return re.fullmatch(r"P[AB]DY[0-9a-fA-F]{32}", value) is not None


def _odd_value(rng: random.Random, *, short: bool = False) -> str:
    """A decoded query value, mostly invalid for any of the three parameters; `short`:
    at most a few dozen characters."""
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice(
            [
                "0",
                "51",
                "-1",
                "-0",
                "1.5",
                "1e1",
                "0x10",
                "+5",
                " 5",
                "5 ",
                "",
                "\u0665",
                "\uff15",
                "1_0",
                "NaN",
            ]
        )
    if kind == 1:
        return "9" * (25 if short else rng.choice([20, 400, 4299, 4300, 4301, 20000]))
    if kind == 2:
        return "-" + "9" * rng.choice([5, 10 if short else 4300])
    if kind == 3:
        return _binary(rng, 1, 64).decode("latin-1")
    if kind == 4:
        return _text(rng, TCHARS, 1, 30 if short else rng.choice([10, 1000, 20000]))
    if kind == 5:
        return "PA" + _text(rng, "0123456789abcdefXYZ", 30, 36)
    if kind == 6:
        prefix = rng.choice(["PC", "pa", "PA", "PB", "PBDY", "PADY" + "g" * 32, "PADY" + "a" * 31])
        return prefix + _text(rng, "0f", 0, 3)
    return "\x00" * rng.randint(1, 5) + _text(rng, "\x01\x7f\u00ff\u2028", 0, 5)


def _encode(rng: random.Random, value: str) -> str:
    """`value` percent-encoded for a query, every byte or only what must be."""
    latin = all(ord(c) < 256 for c in value) and rng.random() < 0.5
    raw = value.encode("latin-1") if latin else value.encode()
    if rng.random() < 0.5:
        return "%" + raw.hex("%").upper() if raw else ""
    return quote(raw, safe="")


def _query_values(rng: random.Random, target: Target) -> Malformed:
    kind = rng.randrange(4)
    if kind < 3:
        name = ("PageSize", "Page", "PageToken")[kind]
        valid = (_valid_page_size, _valid_page, _valid_token)[kind]
        value = _odd_value(rng)
        while valid(value):
            value += "x"
        query = f"{name}={_encode(rng, value)}"
        if rng.random() < 0.3:  # among valid others
            query = rng.choice(["PageSize=5&", "Page=2&", "Foo=bar&"]) + query
    else:  # garbage, then an invalid PageSize last
        garbage = "&".join(
            _encode(rng, _odd_value(rng, short=True))
            + rng.choice(["", "=", "=" + _encode(rng, _odd_value(rng, short=True))])
            for _ in range(rng.choice([1, 5, 300]))
        )
        query = f"{garbage}&PageSize={rng.choice(['0', '51', 'x', '%00'])}"
    params = dict(parse_qsl(query, keep_blank_values=True))
    assert not (
        _valid_page_size(params.get("PageSize", "1"))
        and _valid_page(params.get("Page", "0"))
        and _valid_token(params.get("PageToken", "PA" + target.receipts[0]))
    ), query
    target_bytes = f"{target.list_path}?{query}".encode()
    data = request(b"GET", target_bytes, [_auth_header(target)], host=target.host.encode())
    # (A URL past the 64 KiB head limit is a 400 too.)
    return Malformed("query_values", data, frozenset({400}), note=query[:120])


# --- page tokens ---------------------------------------------------------------------


def _page_tokens(rng: random.Random, target: Target) -> Malformed:
    kind = rng.randrange(4)
    own = set(target.receipts)
    if kind == 0:
        sid = _hex_sid(rng, "DY")
    elif kind == 1:
        sid = rng.choice(target.foreign_receipts)
    elif kind == 2:  # a real one with its hex in upper case: SIDs are case-sensitive
        real = rng.choice(target.receipts)
        sid = "DY" + real[2:].upper()
    else:  # a real one with one digit changed
        real = rng.choice(target.receipts)
        index = rng.randrange(2, 34)
        digit = rng.choice([c for c in "0123456789abcdef" if c != real[index]])
        sid = real[:index] + digit + real[index + 1 :]
    if sid in own:
        sid = _hex_sid(rng, "DY")
    token = rng.choice("AB")
    query = f"PageSize={rng.randint(1, 50)}&Page={rng.randint(0, 9)}&PageToken=P{token}{sid}"
    data = request(
        b"GET", f"{target.list_path}?{query}".encode(), [_auth_header(target)], host=target.host.encode()
    )
    return Malformed("page_tokens", data, frozenset({404}), note=query)


# --- authorization -----------------------------------------------------------------


def _authorization(rng: random.Random, target: Target) -> Malformed:
    kind = rng.randrange(12)
    expect = {401}
    user_pass = f"{target.username}:{target.password}".encode()
    value: bytes | None
    extra: list[tuple[bytes, bytes]] = []
    if kind == 0:
        value = None
    elif kind == 1:
        value = rng.choice([b"", b"Basic", b"Basic ", b"Basic =", b"Basic ===="])
    elif kind == 2:  # another scheme carrying the right credentials
        scheme = rng.choice([b"Bearer", b"Digest", b"Token", b"Basicx", b"Negotiate"])
        value = scheme + b" " + base64.b64encode(user_pass)
    elif kind == 3:  # not base64
        value = b"Basic " + rng.choice([user_pass, base64.b64encode(user_pass) + b"!", b"***", b"YWJj=ZGVm"])
    elif kind == 4:  # base64 of bytes that are not UTF-8
        value = b"Basic " + base64.b64encode(b"\xff\xfe" + _binary(rng, 1, 40))
    elif kind == 5:  # base64 without a colon
        value = b"Basic " + base64.b64encode(user_pass.replace(b":", b""))
    elif kind == 6:
        value = _wrong_auth(rng, target)[1]
    elif kind == 7:  # raw non-ASCII bytes
        value = b"Basic " + bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 30)))
    elif kind == 8:  # control characters: the HTTP parser refuses them first
        value = (
            b"Basic " + base64.b64encode(user_pass)[:10] + bytes([rng.choice([0, 1, 8, 11, 12, 27, 31, 127])])
        )
        expect = {400}
    elif kind == 9:  # huge, under the head limit
        value = b"Basic " + base64.b64encode(_binary(rng, 1000, 40000))
    elif kind == 10:  # right credentials, then wrong ones: the last header is the one read
        value = _wrong_auth(rng, target)[1]
        extra = [_auth_header(target)]
    else:  # the other account's user with this account's secret, and the reverse
        pair = rng.choice(
            [f"{target.other_username}:{target.password}", f"{target.username}:{target.other_password}"]
        )
        value = b"Basic " + base64.b64encode(pair.encode())
    headers = extra + ([] if value is None else [(b"Authorization", value)])
    path = target.list_path + rng.choice(["", "/" + rng.choice(target.receipts)])
    data = request(b"GET", path.encode(), headers, host=target.host.encode())
    return Malformed("authorization", data, frozenset(expect), note=f"kind {kind}: {(value or b'')[:60]!r}")


# --- oversized heads ---------------------------------------------------------------

OVER_LIMIT_SIZES = (64 * 1024 + 1, 100_000, 300_000, 1_000_000)


def _oversized_heads(rng: random.Random, target: Target) -> Malformed:
    size = rng.choice(OVER_LIMIT_SIZES)
    kind = rng.randrange(4)
    host = target.host.encode()
    headers = [_auth_header(target)]
    path = target.list_path.encode()
    if kind == 0:
        headers.append((b"X-Padding", b"a" * size))
    elif kind == 1:
        headers += [(b"X-Pad-%d" % i, b"b" * 90) for i in range(size // 100 + 1)]
    elif kind == 2:
        host = b"h" * size
    else:
        path += b"?Foo=" + b"q" * size
    data = request(b"GET", path, headers, host=host)
    return Malformed("oversized_heads", data, frozenset({400}), note=f"kind {kind}, {len(data)} bytes")


# --- percent-encoding --------------------------------------------------------------


def _percent_encoding(rng: random.Random, target: Target) -> Malformed:
    segments = target.list_path.split("/")
    if rng.random() < 0.4:
        segments.append(rng.choice(target.receipts))
    index = rng.choice([3, 5, 7] + ([9] if len(segments) == 10 else []))
    garbage = "".join(rng.choice(PERCENT_GARBAGE) for _ in range(rng.randint(1, 4)))
    where = rng.randrange(3)
    word = segments[index]
    segments[index] = (garbage + word, word + garbage, garbage)[where]
    path = "/".join(segments)
    data = request(b"GET", path.encode(), [_auth_header(target)], host=target.host.encode())
    return Malformed("percent_encoding", data, frozenset({404}), note=path[:140])


# --- HTTP syntax -------------------------------------------------------------------


def _http_syntax(rng: random.Random, target: Target) -> Malformed:
    host = target.host.encode()
    wrong = _wrong_auth(rng, target)
    path = target.list_path.encode()
    kind = rng.randrange(8)
    if kind == 0:  # a header line of random bytes (no CR/LF), starting with a non-token byte
        junk = bytes(rng.choice([0, 1, 32, 34, 40, 64, 127, 200])) + bytes(
            b for b in _binary(rng, 1, 200) if b not in (10, 13)
        )
        data = request(b"GET", path, [wrong, (junk, b"x")], host=host)
    elif kind == 1:
        version = rng.choice(
            [b"HTTP/1.1x", b"HTTP/1", b"HTTP/x.y", b"ICY", b"http/1.1", b"HTTP/1.1 extra", b"HTTP/11.1"]
        )
        data = request(b"GET", path, [wrong], host=host, version=version)
    elif kind == 2:  # request smuggling shapes
        headers = rng.choice(
            [
                [(b"Content-Length", b"5"), (b"Transfer-Encoding", b"chunked")],
                [(b"Content-Length", b"1"), (b"Content-Length", b"2")],
                [(b"Content-Length", b"-1")],
                [(b"Content-Length", b"1x")],
                [(b"Transfer-Encoding", b"gzip, chunked, identity")],
            ]
        )
        data = request(b"GET", path, [wrong, *headers], host=host, tail=b"0\r\n\r\n")
    elif kind == 3:  # a broken chunk
        data = request(
            b"GET", path, [wrong, (b"Transfer-Encoding", b"chunked")], host=host, tail=b"zz\r\nhello\r\n"
        )
    elif kind == 4:  # raw bytes the request target may not hold
        raw = bytes(rng.choice([0, 1, 9, 127, 128, 200, 255]) for _ in range(rng.randint(1, 5)))
        data = request(b"GET", path + raw, [wrong], host=host)
    elif kind == 5:  # a header without a colon, or with a space before it
        line = rng.choice([b"NoColonHere", b"Name : value", b" folded", b":novalue"])
        data = request(b"GET", path, [wrong], host=host).replace(
            b"Connection: close", b"Connection: close\r\n" + line
        )
    elif kind == 6:  # bare LF or CR line endings
        data = request(b"GET", path, [wrong], host=host).replace(
            b"\r\n", rng.choice([b"\n\r", b"\r", b"\r\r\n"]), 1
        )
    else:  # pure noise, starting with a byte no request line starts with
        data = bytes([rng.choice([0, 1, 32, 127, 255])]) + _binary(rng, 1, 4000)
    return Malformed("http_syntax", data, frozenset({400, 401}), note=f"kind {kind}")


def _truncated(rng: random.Random, target: Target) -> Malformed:
    full = request(b"GET", target.list_path.encode(), [_wrong_auth(rng, target)], host=target.host.encode())
    cut = rng.randint(1, len(full) - 3)  # never the final CRLF CRLF: the head stays incomplete
    return Malformed(
        "truncated", full[:cut], frozenset(), half_close=True, note=f"{cut} of {len(full)} bytes"
    )


CATEGORIES: dict[str, Generator] = {
    "paths_and_methods": _paths_and_methods,
    "query_values": _query_values,
    "page_tokens": _page_tokens,
    "authorization": _authorization,
    "oversized_heads": _oversized_heads,
    "percent_encoding": _percent_encoding,
    "http_syntax": _http_syntax,
    "truncated": _truncated,
}

# Oversized heads are the costly ones (up to a megabyte each): fewer of them.
_WEIGHTS = {"oversized_heads": 1, "truncated": 1}


def malformed(rng: random.Random, target: Target, count: int) -> Iterator[Malformed]:
    """`count` malformed requests, the categories interleaved."""
    names = [name for name in CATEGORIES for _ in range(_WEIGHTS.get(name, 4))]
    for index in range(count):
        name = names[index % len(names)]
        yield CATEGORIES[name](rng, target)
