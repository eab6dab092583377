"""tests/http/event_receiver.py: a webhook receiver for tests/http/events.test that fails, is slow and lies.

Usage: event_receiver.py PORTFILE LOGFILE SECRETSFILE OFFSETFILE
Every request is appended to LOGFILE as one JSON line: path, event id, type, whether the
X-Desk-Signature verifies (HMAC-SHA256 of "t." + body under the path's secret from SECRETSFILE,
JSON {path: secret}, with t within 5 minutes of the desk's clock, read from OFFSETFILE) and the
status answered. The paths behave:
  /ok    200 at once
  /fail  500 for the first two requests of each event, then 200
  /slow  sleeps 3 s on the first request of each event (longer than the desk waits), then 200
  /lie   a 302 to elsewhere on the first request of each event, then 202 with a body saying it failed
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTFILE, LOG, SECRETS, OFFSET = sys.argv[1:5]
seen = {}
lock = threading.Lock()


def verify(path, header, body):
    try:
        secrets = json.load(open(SECRETS))
        off = int(open(OFFSET).read().strip() or 0) if os.path.exists(OFFSET) else 0
    except (OSError, ValueError):
        return False
    parts = dict(p.split("=", 1) for p in (header or "").split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts or path not in secrets:
        return False
    want = hmac.new(secrets[path].encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, parts["v1"]) and abs(int(parts["t"]) - (time.time() + off)) < 300


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ev = self.headers.get("X-Desk-Event-Id", "")
        with lock:
            n = seen.get((self.path, ev), 0) + 1
            seen[(self.path, ev)] = n
        status, extra = 200, b'{"ok":true}'
        if self.path == "/fail" and n <= 2:
            status = 500
        elif self.path == "/slow" and n == 1:
            status = -1  # sleeps below, after the request is logged
        elif self.path == "/lie":
            status, extra = (302, b"") if n == 1 else (202, b'{"ok":false,"error":"we lost it"}')
        rec = {"path": self.path, "event_id": ev, "type": self.headers.get("X-Desk-Event"), "n": n,
               "sig_ok": verify(self.path, self.headers.get("X-Desk-Signature"), body),
               "tampered_ok": verify(self.path, self.headers.get("X-Desk-Signature"), body + b" "),
               "status": status, "body": json.loads(body or b"null")}
        with lock, open(LOG, "a") as f:
            f.write(json.dumps(rec) + "\n")
        if status == -1:
            time.sleep(3)
            status = 200
        try:
            self.send_response(status)
            if status == 302:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", str(len(extra)))
            self.end_headers()
            self.wfile.write(extra)
        except OSError:
            pass  # the desk stopped waiting


srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
