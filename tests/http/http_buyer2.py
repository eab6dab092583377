#!/usr/bin/env python3
"""tests/http/http_buyer2.py: the buyer's side, second round (issue 8), through the live programs.

Run by tests/http/buyer2.test with the base URL and the run-time folder of a
server started on a seeded private database of its own. Prints TAP.
"""
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from http_cases import form_fields, open_request  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
DAY = 86400
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-u", "root", "-N", "-B",
                           "refund_desk", "-e", q], capture_output=True, text=True, check=True).stdout.strip()


class Browser(deskhttp.Browser):
    """A client of the server under test."""

    def __init__(self, language=None):
        super().__init__(BASE, language=language)


def set_clock(secs):
    with open(os.path.join(VAR, "clock-offset"), "w") as fh:
        fh.write(str(secs))


def text(r):
    """The start of a response's words, for a failure's detail."""
    return re.sub(r"<[^>]+>|\s+", " ", r.text)[:400]


def order_of(login, where):
    """An order of login matching where (SQL on o) with no case on any line, or None."""
    return sql(f"""SELECT o.id FROM orders o JOIN users u ON u.id = o.buyer_id
        WHERE u.login = '{login}' AND {where}
          AND NOT EXISTS (SELECT 1 FROM case_lines c WHERE c.order_id = o.id)
        ORDER BY o.id LIMIT 1""") or None


def case_of(r):
    loc = r.header("location") or ""
    return loc.rsplit("/", 1)[-1] if r.status == 303 and "/case/" in loc else None


# ---- 1. "Not received" counts from the expected delivery date.
def expected_window():
    oid = order_of("buyer12", "o.shipped_at IS NOT NULL AND o.delivered_at IS NULL")
    check(oid, "the demo has an undelivered order of buyer12")
    # Promised for today: the policy's 7 days run from today, delivered or not.
    sql(f"UPDATE orders SET expected_delivery_at = UTC_TIMESTAMP() WHERE id = {oid}")
    try:
        set_clock(8 * DAY)
        b = Browser()
        b.login("/buyer/", "buyer12")
        f = open_request(b, oid, "refund_only", "no", "not_received")
        for lid in sql(f"SELECT id FROM order_lines WHERE order_id = {oid}").split():
            f["line_" + lid] = "1"
        r = b.post("/buyer/case/new", f)
        check(r.status == 422 and "counts from the expected delivery date" in r.text,
              "8 days after the expected delivery date 'not received' is refused, the window named",
              f"{r.status} {text(r)}")
        set_clock(6 * DAY)
        b = Browser()
        b.login("/buyer/", "buyer12")
        resp = b.get("/buyer/")
        page = resp.text
        card = page.split(f"order={oid}\"")[0].rsplit("<article", 1)[-1]
        check(re.search(r"You can ask for up to [^<]* until \d\d \w{3} \d{4} \d\d:\d\d UTC\+8", card),
              "6 days on, the orders page gives the end of the window, with its zone", f"{resp.status} {card[-600:]}")
        r = b.post("/buyer/case/new", open_request(b, oid, "refund_only", "no", "not_received"))
        check(r.status == 303, "6 days after the expected delivery date 'not received' is taken", f"{r.status} {text(r)}")
    finally:
        set_clock(0)
    # Without an expected date an undelivered parcel has no window, 60 days on.
    oid = order_of("buyer13", "o.shipped_at IS NOT NULL AND o.delivered_at IS NULL")
    if oid:
        sql(f"UPDATE orders SET expected_delivery_at = NULL WHERE id = {oid}")
        try:
            set_clock(60 * DAY)
            b = Browser()
            b.login("/buyer/", "buyer13")
            r = b.post("/buyer/case/new", open_request(b, oid, "refund_only", "no", "not_received"))
            check(r.status == 303, "with no expected date an undelivered parcel stays refundable 60 days on",
                  f"{r.status} {text(r)}")
        finally:
            set_clock(0)


expected_window()

print(f"1..{len(results)}")
for i, (ok, name, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        print("# " + detail.replace("\n", "\n# "))
print(f"{sum(1 for ok, _, _ in results if ok)} passed, {sum(1 for ok, _, _ in results if not ok)} failed")
sys.exit(0)
