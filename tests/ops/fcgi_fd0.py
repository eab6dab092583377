#!/usr/bin/env python3
"""tests/ops/fcgi_fd0.py: starts a FastCGI program the way systemd's socket
activation does (Accept=no, StandardInput=socket: the listening AF_UNIX
socket as its standard input), sends it one request over that socket and
prints the response's header lines. Usage: fcgi_fd0.py SOCKET PROGRAM URI"""
import os
import signal
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
import deskhttp  # noqa: E402

path, prog, uri = sys.argv[1:4]
lsock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
lsock.bind(path)
lsock.listen(16)
proc = subprocess.Popen([prog], stdin=lsock.fileno(), stdout=subprocess.DEVNULL,
                        stderr=sys.stderr)
lsock.close()

params = {"REQUEST_METHOD": "GET", "REQUEST_URI": uri, "SCRIPT_NAME": uri,
          "QUERY_STRING": "", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
          "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
          "GATEWAY_INTERFACE": "CGI/1.1", "HTTP_HOST": "localhost"}
status = 1
try:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.settimeout(20)
    c.connect(path)
    deskhttp.fcgi_request(c, params)
    out = deskhttp.fcgi_answer(c) or b""
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
