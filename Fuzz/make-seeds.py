#!/usr/bin/env python3
"""Writes the starting seeds of Fixtures/fuzz/<target>/ from Fixtures/bitstamp, Fixtures/bitvavo and hand-made
frames and responses. `scripts/fuzz.sh merge` later replaces each folder with a minimised corpus; run this only
to start over (it adds files, it deletes nothing)."""
import hashlib
import pathlib
import re
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Fixtures"
OUT = FIXTURES / "fuzz"


def write(target, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def messages():
    """Every exchange message in the fixtures, one per JSON document or JSON-lines line, up to 16 KiB."""
    found = []
    for folder in ("bitstamp", "bitvavo", "bitstamp/rest"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix == ".json":
                found.append(path.read_bytes().strip())
            elif path.suffix == ".jsonl":
                found += [line for line in path.read_bytes().splitlines() if line.strip()]
    return [m for m in found if len(m) <= 16 << 10]


def frame(opcode, payload, fin=True, length_form=None):
    """An unmasked server frame (RFC 6455 §5.2); `length_form` forces the 16- or 64-bit length."""
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if length_form == 64 or n > 0xFFFF:
        head += bytes([127]) + struct.pack(">Q", n)
    elif length_form == 16 or n > 125:
        head += bytes([126]) + struct.pack(">H", n)
    else:
        head += bytes([n])
    return head + payload


JSON_EXTRAS = [
    b'{"a":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/\\b\\f\\r","b":[1,-0,0.5,1e10,-2.5E-3,true,false,null],"c":{}}',
    b'"\\ud800 lone \\udc00 surrogates \\ud800\\u0041"',
    b'[' * 64 + b']' * 64,
    b'{"id":"9223372036854775807","n":-9223372036854775808,"o":9223372036854775808,"d":"00.1"}',
    b' \t\r\n[ "x" , { "k" : [ ] } ] \n',
]


# Long digit runs (ids, timestamps, nonces) swapped for the ends of Int64, so arithmetic on them meets its limits:
# a fuzzer rarely types 9223372036854775807 by itself.
LONG_INTEGER = re.compile(rb"(?<![0-9.])[0-9]{9,}(?![0-9.])")
EXTREMES = [b"9223372036854775807", b"-9223372036854775808", b"0"]


def json_seeds():
    for message in messages():
        write("json", message)
        write("adapters", message)
        if LONG_INTEGER.search(message):
            for extreme in EXTREMES:
                write("adapters", LONG_INTEGER.sub(extreme, message))
    for extra in JSON_EXTRAS:
        write("json", extra)


def frame_seeds():
    hello = frame(0x1, b"Hello")
    trade = messages()[0] if messages() else b"{}"
    sequences = [
        hello,  # §5.7 single-frame unmasked text
        frame(0x1, b"Hel", fin=False) + frame(0x0, b"lo"),  # §5.7 fragmented
        frame(0x1, b"Hel", fin=False) + frame(0x9, b"mid") + frame(0x0, b"lo"),  # control frame between fragments
        frame(0x9, b"Hello") + frame(0xA, b"") + hello,
        frame(0x8, struct.pack(">H", 1000) + b"bye"),
        frame(0x8, b""),
        frame(0x8, struct.pack(">H", 1005)),  # not allowed on the wire
        frame(0x2, bytes(range(256)), length_form=16),
        frame(0x1, b"x" * 300, length_form=64),
        frame(0x1, trade) + frame(0x1, "€ ünïcode".encode()),
        frame(0x1, b"\xed\xa0\x80"),  # a surrogate: invalid UTF-8
        frame(0x1, b"\xf0\x9f", fin=False) + frame(0x0, b"\x98\x80"),  # a scalar split across fragments
        bytes([0x81, 0x85, 1, 2, 3, 4]) + b"Hello",  # masked: refused
        bytes([0xC1, 0x00]),  # RSV1
        bytes([0x83, 0x00]),  # reserved opcode
        bytes([0x09, 0x00]),  # fragmented ping
        bytes([0x81, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0]),  # 64-bit length with the top bit set
        frame(0x0, b"orphan"),
    ]
    for index, sequence in enumerate(sequences):
        write("frame", bytes([0x1F]) + sequence)  # whole reads, 16 MiB cap
        write("frame", bytes([(index * 37) & 0xFF]) + sequence)  # other read sizes, caps and capacities


ERROR_BODY = b'{"status": "error", "reason": "Invalid pair", "code": "API0005"}'


def http_seeds():
    book = (FIXTURES / "bitstamp/rest/order-book-btcusd.json").read_bytes()
    html = (FIXTURES / "bitstamp/rest/not-found.html").read_bytes()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(book[i:i + 200]), book[i:i + 200]) for i in range(0, len(book), 200))
    responses = [
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(book), book),
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\nX-Trailer: 1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
        b"HTTP/1.0 200 OK\nServer: x\n folded\n\nbody until the connection closes",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(html), html),
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s" % (len(ERROR_BODY), ERROR_BODY),
        b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 301 Moved\r\nLocation: https://example.com/\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
    ]
    for index, response in enumerate(responses):
        response = response[:7999]
        write("http", bytes([0x1F]) + response)  # whole reads, 64 MiB limit
        write("http", bytes([(index * 11) & 0xFF]) + response)


if __name__ == "__main__":
    json_seeds()
    frame_seeds()
    http_seeds()
    for target in sorted(OUT.iterdir()):
        print(target.name, len(list(target.iterdir())))
