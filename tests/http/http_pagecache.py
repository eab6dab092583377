#!/usr/bin/env python3
"""tests/http/http_pagecache.py: the pages a program process keeps for a second (issue 12).

Run by tests/http/pagecache.test with the base URL and the run-time folder of a server with one
process per program, so that a second request reaches the process that kept the first. A page
asked for again by the same session is served from the copy ("X-Desk-Cache: hit") with the same
content but new one-time form tokens that work, once; a flash message, another session of the
same user, another user, a POST, a write by another process of the node (deskctl) and a moved
clock each get a page rendered anew; a change made by SQL by hand shows within a second. Prints
TAP.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from http_cases import form_fields, lotus_unshipped_order, mariadb, open_request  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
TOKEN = re.compile(r"[0-9a-f]{8}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")
tap = deskhttp.Tap()
check = tap.check


def sql(q):
    return mariadb(VAR, q).strip()


def hit(r):
    return r.header("x-desk-cache") == "hit"


def browser(prefix, login):
    b = deskhttp.Browser(BASE)
    check(b.login(prefix, login).status == 303, f"{login} signs in")
    return b


# A request of its own on an unshipped order of seller1's shop, waiting for the seller.
row = lotus_unshipped_order(VAR)
check(len(row) == 2, "an unshipped Lotus order without cases exists", str(row))
login, order = row[0], int(row[1])
buyer = browser("/buyer/", login)
r = buyer.post("/buyer/case/new", open_request(buyer, order, "refund_only", "no", "changed_mind_unshipped"))
m = re.search(r"/buyer/case/(\d+)", r.header("location") or "")
check(r.status == 303 and m, "the buyer opens a request", f"{r.status} {r.text[:200]}")
case = int(m.group(1)) if m else 0
url = f"/buyer/case/{case}"

# --- The flash message is shown once and never kept. ---
p0 = buyer.get(url)
p1 = buyer.get(url)
p2 = buyer.get(url)
check(p0.status == 200 and not hit(p0) and 'class="flash' in p0.text, "the page after the request shows the "
      "flash message and is rendered", p0.text[:300])
check(not hit(p1) and 'class="flash' not in p1.text, "the next one is rendered too (the first was not kept)")
check(p2.status == 200 and hit(p2), "asked again within the second, it is served from the process's copy",
      str(p2.headers))
check(TOKEN.sub("T", p1.text) == TOKEN.sub("T", p2.text), "the copy is the page as rendered, but for the tokens")
t1, t2 = TOKEN.findall(p1.text), TOKEN.findall(p2.text)
check(len(t1) > 0 and len(t1) == len(t2) and not set(t1) & set(t2),
      "every one-time form token of the copy is new", f"{len(t1)} {len(t2)}")
p3 = buyer.get(url)
check(hit(p3) and not set(TOKEN.findall(p3.text)) & set(t2), "a second copy carries new tokens again")

# --- A token of the copy works, once; the POST ends the copy. ---
events = re.findall(r'name="event" value="([a-z_]+)"', p3.text)
check("cancel" in events, "the buyer may withdraw the request", str(events))
f = form_fields(p3.text, "cancel")
r = buyer.post(url, dict(f, reason="changed my mind"))
check(r.status == 303, "the withdrawal posted with the copy's token is done", f"{r.status} {r.text[:300]}")
state = sql(f"SELECT CONCAT(state, ' ', COALESCE(close_reason, '')) FROM cases WHERE id = {case}")
check(state == "closed cancelled", "the case is cancelled", state)
r = buyer.post(url, dict(f, reason="changed my mind"))
check(r.status in (303, 409) and sql(f"SELECT COUNT(*) FROM timeline WHERE case_id = {case} AND event = 'cancel'")
      == "1", "the same token again does nothing more", f"{r.status} {r.text[:300]}")
p4 = buyer.get(url)
p5 = buyer.get(url)
check(not hit(p5) or 'name="event" value="cancel"' not in p5.text, "after the POST the page is rendered anew")
check("cancel" not in re.findall(r'name="event" value="([a-z_]+)"', p5.text),
      "and shows the withdrawn case: no withdraw button left")

# --- Who may see a copy: the same session only. ---
r = buyer.get("/buyer/")
r = buyer.get("/buyer/")
check(hit(r), "the orders page is kept as well")
same = browser("/buyer/", login)
r = same.get("/buyer/")
csrf_a = re.search(r'name="csrf" value="([^"]+)"', buyer.get("/buyer/").text)
csrf_b = re.search(r'name="csrf" value="([^"]+)"', r.text)
check(not hit(r), "another session of the same buyer gets a page of its own")
check(csrf_a is None or csrf_b is None or csrf_a.group(1) != csrf_b.group(1),
      "with its own CSRF token")
other_login = sql(f"SELECT login FROM users WHERE role = 'buyer' AND login <> '{login}' ORDER BY id LIMIT 1")
other = browser("/buyer/", other_login)
buyer.get(url)
r = other.get(url)
check(r.status == 404 and not hit(r), "another buyer asking for the case gets 404, not the copy", str(r.status))
seller = browser("/seller/", "seller1")
r = seller.get(f"/seller/case/{case}")
check(r.status == 200 and not hit(r), "the seller's desk renders its own page of the case")

# --- Writes elsewhere on the node end every copy at once. ---
buyer.get("/buyer/")
check(hit(buyer.get("/buyer/")), "kept again")
rc, out = deskhttp.deskctl("user", "disable", "seller2")
deskhttp.deskctl("user", "enable", "seller2")
check(rc == 0, "deskctl changes an account", out)
check(not hit(buyer.get("/buyer/")), "a write by another process of the node (deskctl) ends the copies at once")

# --- The worker: what it decides ends the copies; a pass with nothing to do leaves them. ---
DESKD = os.path.join(os.environ["DESK_BUILDDIR"], "tools", "deskd")
for _ in range(2):
    subprocess.run([DESKD, "-1"], capture_output=True, check=True)
buyer.get("/buyer/")
check(hit(buyer.get("/buyer/")), "kept again before a worker's pass")
w = subprocess.run([DESKD, "-1"], capture_output=True, text=True, check=True)
r = buyer.get("/buyer/")
check(hit(r), "a worker's pass that changed nothing leaves the copies alone", w.stdout[-500:])

# --- The desk's clock moved: rendered anew. ---
buyer.get("/buyer/")
check(hit(buyer.get("/buyer/")), "kept again before the clock moves")
with open(f"{VAR}/clock-offset", "w") as fh:
    fh.write("600\n")
r = buyer.get("/buyer/")
check(not hit(r), "a copy made at another time of the desk's clock is not served")
with open(f"{VAR}/clock-offset", "w") as fh:
    fh.write("0\n")

# --- A change by SQL by hand (no process told) shows within the second. ---
page = buyer.get(url).text
page = buyer.get(url).text
check("Test request" in page, "the case page shows the buyer's description",
      re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))[:1500])
# Straight to the server, without deskhttp.sql()'s deskctl refresh.
subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-u", "root", "refund_desk", "-e",
                f"UPDATE cases SET description = 'Edited by hand' WHERE id = {case}"], check=True)
time.sleep(1.1)
r = buyer.get(url)
check(not hit(r) and "Edited by hand" in r.text, "a change made by SQL by hand shows after a second")

# --- The seller's queue: a form token per row, each made anew. ---
q1 = seller.get("/seller/")
q2 = seller.get("/seller/")
n1, n2 = TOKEN.findall(q1.text), TOKEN.findall(q2.text)
check(hit(q2) and len(n1) == len(n2) and not set(n1) & set(n2), "the queue's copy carries new row tokens",
      f"{hit(q2)} {len(n1)} {len(n2)}")

print(f"1..{tap.count}")
