#!/usr/bin/env python3
"""tests/db/payment_server.py: a stand-in payment system for the webhook executor's tests.

Listens on 127.0.0.1 (port in argv[1], 0 = any; the chosen port is
written to the file argv[2]). POST /refunds with an Idempotency-Key header
pays once per key: a second call with a key already paid answers 200 with
the same reference, as a real payment system's idempotency does. The
amount scripts the first call for a key: amount_cents ending in 01
answers 500, ending in 02 pays but answers too late (after the client's
timeout). GET /calls?key=K and GET /payments?case=N answer plain numbers.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

lock = threading.Lock()
calls = {}      # key -> number of calls
paid = {}       # key -> (case_id, reference)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if body.startswith("{") else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlsplit(self.path)
        q = parse_qs(u.query)
        with lock:
            if u.path == "/calls":
                self.answer(200, str(calls.get(q["key"][0], 0)))
            elif u.path == "/payments":
                case = int(q["case"][0])
                self.answer(200, str(sum(1 for c, _ in paid.values() if c == case)))
            else:
                self.answer(404, "no")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        key = self.headers.get("Idempotency-Key", "")
        try:
            r = json.loads(body)
        except ValueError:
            self.answer(400, "bad json")
            return
        if (self.headers.get("Content-Type") != "application/json" or not key
                or r.get("idempotency_key") != key or r.get("amount") != "%d.%02d" % divmod(r["amount_cents"], 100)):
            self.answer(400, "bad request")
            return
        with lock:
            n = calls[key] = calls.get(key, 0) + 1
            if key not in paid and not (n == 1 and r["amount_cents"] % 100 == 1):
                paid[key] = (r["case_id"], "PAY-%d" % (len(paid) + 1))
            ref = paid.get(key, (0, ""))[1]
        if n == 1 and r["amount_cents"] % 100 == 1:
            self.answer(500, "{\"error\":\"try later\"}")
            return
        if n == 1 and r["amount_cents"] % 100 == 2:
            time.sleep(1.5)  # paid, but the answer comes too late
        self.answer(200, json.dumps({"reference": ref}))


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
