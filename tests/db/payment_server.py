#!/usr/bin/env python3
"""tests/db/payment_server.py: a stand-in payment system for the webhook executor's tests.

Usage: payment_server.py PORT PORTFILE. Listens on 127.0.0.1:PORT (0 =
any; the chosen port is written to PORTFILE). It speaks the contract of
docs/payment-webhook.md: POST /refunds with a JSON body and an
Idempotency-Key header.

How it answers a refund is its mode, chosen for the whole run with the
environment variable PAYMENT_MODE (default "pay"), changed while it runs
with POST /mode?set=MODE, or for one key with POST /mode?key=K&set=MODE
(the key's mode wins over the run's; "set=" with no mode clears it):

  pay       pays once per key (deduplicates on the key) and answers 200
            with the receipt {"idempotency_key","amount_cents","currency",
            "reference"}; a call with a key already paid answers the same
            receipt again and pays nothing.
  garbage   pays like "pay" but answers 200 with a body that is not JSON.
  nopay     pays nothing and answers 200 with "{}".
  wrongkey  pays nothing and answers 200 with a receipt for another key.
  slow      pays like "pay" but answers only after SECS seconds (?secs=,
            default 1.5), after the client's timeout.
  500       pays nothing and answers 500.
  down      (POST /mode?set=down&secs=N only) stops listening for N
            seconds (default 5): connections are refused; then listens
            again on the same port in the mode it had before.

The amount also scripts the first call for a key, whatever the mode:
amount_cents ending in 01 answers 500 (no payment), ending in 02 pays but
answers too late (as "slow").

What it records: GET /payments answers a JSON object key -> {"count": how
many times money actually moved for the key, "amount_cents", "case_id",
"reference"}; GET /payments?case=N answers the number of payments made
for case N (plain text); GET /calls?key=K the number of POSTs for K; GET
/mode the current mode. A payment system that deduplicates never shows a
count above 1, and a refund booked as paid here must have a payment.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODES = ("pay", "garbage", "nopay", "wrongkey", "slow", "500")

lock = threading.Lock()
calls = {}      # key -> number of POSTs
paid = {}       # key -> {"count", "amount_cents", "currency", "case_id", "reference"}
state = {"mode": os.environ.get("PAYMENT_MODE", "pay"), "slow": 1.5, "key_modes": {}}
if state["mode"] not in MODES:
    sys.exit("payment_server.py: PAYMENT_MODE must be one of " + ", ".join(MODES))
server = None


def receipt(key, p):
    return json.dumps({"idempotency_key": key, "amount_cents": p["amount_cents"],
                       "currency": p["currency"], "reference": p["reference"]})


def pay(key, r):
    """Moves the money for key once; returns the payment. Holds lock."""
    if key not in paid:
        paid[key] = {"count": 1, "amount_cents": r["amount_cents"], "currency": r["currency"],
                     "case_id": r["case_id"], "reference": "PAY-%d" % (len(paid) + 1)}
    return paid[key]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, ctype=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype or ("application/json" if body.startswith("{") else "text/plain"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlsplit(self.path)
        q = parse_qs(u.query)
        with lock:
            if u.path == "/calls":
                self.answer(200, str(calls.get(q["key"][0], 0)))
            elif u.path == "/payments" and "case" in q:
                case = int(q["case"][0])
                self.answer(200, str(sum(p["count"] for p in paid.values() if p["case_id"] == case)))
            elif u.path == "/payments":
                self.answer(200, json.dumps(paid))
            elif u.path == "/mode":
                self.answer(200, state["mode"])
            else:
                self.answer(404, "no")

    def set_mode(self, q):
        mode = q.get("set", [""])[0]
        secs = float(q.get("secs", ["5" if mode == "down" else "1.5"])[0])
        if mode == "down":
            self.answer(200, "down for %g s" % secs)
            threading.Thread(target=go_down, args=(secs,), daemon=True).start()
            return
        if "key" in q:
            if mode and mode not in MODES:
                self.answer(400, "unknown mode")
                return
            with lock:
                if mode:
                    state["key_modes"][q["key"][0]] = mode
                else:
                    state["key_modes"].pop(q["key"][0], None)
        else:
            if mode not in MODES:
                self.answer(400, "unknown mode")
                return
            with lock:
                state["mode"] = mode
        if mode == "slow":
            state["slow"] = secs
        self.answer(200, mode or "cleared")

    def do_POST(self):
        u = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if u.path == "/mode":
            self.set_mode(parse_qs(u.query, keep_blank_values=True))
            return
        key = self.headers.get("Idempotency-Key", "")
        try:
            r = json.loads(body)
        except ValueError:
            self.answer(400, "bad json")
            return
        if (u.path != "/refunds" or self.headers.get("Content-Type") != "application/json" or not key
                or r.get("idempotency_key") != key
                or r.get("amount") != "%d.%02d" % divmod(r["amount_cents"], 100)):
            self.answer(400, "bad request")
            return
        with lock:
            n = calls[key] = calls.get(key, 0) + 1
            mode = state["key_modes"].get(key, state["mode"])
            if n == 1 and r["amount_cents"] % 100 == 1:
                mode = "500"
            elif n == 1 and r["amount_cents"] % 100 == 2:
                mode = "slow"
            p = paid.get(key)
            if p is not None and p["amount_cents"] != r["amount_cents"]:
                self.answer(422, "{\"error\":\"key reused for another amount\"}")
                return
            if mode in ("pay", "garbage", "slow"):
                p = pay(key, r)
            slow = state["slow"]
        if mode == "500":
            self.answer(500, "{\"error\":\"try later\"}")
        elif mode == "nopay":
            self.answer(200, "{}")
        elif mode == "wrongkey":
            self.answer(200, receipt(key + "-other", {"amount_cents": r["amount_cents"],
                                                      "currency": r["currency"], "reference": "PAY-X"}))
        elif mode == "garbage":
            self.answer(200, "OK, refunded", "text/plain")
        else:
            if mode == "slow":
                time.sleep(slow)  # paid, but the answer comes too late
            self.answer(200, receipt(key, p))


def listen(port):
    global server
    s = ThreadingHTTPServer(("127.0.0.1", port), Handler, bind_and_activate=False)
    s.allow_reuse_address = True
    s.daemon_threads = True
    s.server_bind()
    s.server_activate()
    server = s
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]


def go_down(secs):
    """Stops listening for secs seconds, then listens on the same port again."""
    s = server
    port = s.server_address[1]
    s.shutdown()
    s.server_close()
    time.sleep(secs)
    for _ in range(50):
        try:
            listen(port)
            return
        except OSError:
            time.sleep(0.1)
    os._exit(1)


port = listen(int(sys.argv[1]))
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(port))
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
while True:
    time.sleep(3600)
