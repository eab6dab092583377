#!/usr/bin/env python3
"""tests/ops/fcgi_fd0.py: starts a FastCGI program the way systemd's socket
activation does (Accept=no, StandardInput=socket: the listening AF_UNIX
socket as its standard input), sends it one request over that socket and
prints the response's header lines. Usage: fcgi_fd0.py SOCKET PROGRAM URI"""
import os
import signal
import socket
import struct
import subprocess
import sys

path, prog, uri = sys.argv[1:4]
lsock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
lsock.bind(path)
lsock.listen(16)
proc = subprocess.Popen([prog], stdin=lsock.fileno(), stdout=subprocess.DEVNULL,
                        stderr=sys.stderr)
lsock.close()


def record(rtype, content, rid=1):
    return struct.pack("!BBHHBB", 1, rtype, rid, len(content), 0, 0) + content


def pairs(d):
    out = b""
    for k, v in d.items():
        k, v = k.encode(), v.encode()
        out += bytes([len(k)]) + (bytes([len(v)]) if len(v) < 128 else struct.pack("!I", len(v) | 0x80000000)) + k + v
    return out


params = {"REQUEST_METHOD": "GET", "REQUEST_URI": uri, "SCRIPT_NAME": uri,
          "QUERY_STRING": "", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
          "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
          "GATEWAY_INTERFACE": "CGI/1.1", "HTTP_HOST": "localhost"}
status = 1
try:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.settimeout(20)
    c.connect(path)
    c.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, pairs(params)) +
              record(4, b"") + record(5, b""))
    data, out = b"", b""
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        data += chunk
    while len(data) >= 8:
        _, rtype, _, clen, plen, _ = struct.unpack("!BBHHBB", data[:8])
        if rtype == 6:
            out += data[8:8 + clen]
        data = data[8 + clen + plen:]
    head = out.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    print(head)
    status = 0 if head else 1
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
sys.exit(status)
