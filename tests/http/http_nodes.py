#!/usr/bin/env python3
"""tests/http/http_nodes.py: two web nodes over one database (issue 12).

Run by tests/http/nodes.test with the base URLs of node A and node B (each a lighttpd with three
processes per program and a run-time folder of its own, so that neither sees the other's
generation counter) and the run-time folder of A. A signed-in session works on both nodes; the
processes cache sessions and the published policy for at most a second, so a disabled account,
a sign-out or a new policy version on one node is seen by every process of the other after
1.1 s (the only wait of the test), and by the node's own processes at once. Prints TAP.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from http_cases import PUBLISH_V2, UNPUBLISH_V2  # noqa: E402

A, B, VAR = sys.argv[1], sys.argv[2], sys.argv[3]
results = []
# Enough requests to reach each of a node's three processes of a program.
SPREAD = 12


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return deskhttp.sql(VAR, q).strip()


def on(base, jar_of):
    """A browser of node base sharing the cookies of jar_of (the same user agent on another node)."""
    b = deskhttp.Browser(base)
    if jar_of is not None:
        b.jar = jar_of.jar
    return b


def statuses(b, path, n=SPREAD):
    return [b.get(path).status for _ in range(n)]


# --- Signed in on one node, served by the other. ---
buyer_a = on(A, None)
check(buyer_a.login("/buyer/", "buyer2").status == 303, "buyer2 signs in on node A")
buyer_b = on(B, buyer_a)
check(set(statuses(buyer_b, "/buyer/")) == {200} and set(statuses(buyer_a, "/buyer/")) == {200},
      "the session serves every process of both nodes")

# --- Disabled on node B: refused on every process of both nodes 1.1 s later. ---
admin_b = on(B, None)
check(admin_b.login("/admin/", "admin").status == 303, "the admin signs in on node B")
uid = sql("SELECT id FROM users WHERE login = 'buyer2'")
csrf = admin_b.csrf("/admin/accounts")
r = admin_b.post(f"/admin/users/{uid}/disable", {"csrf": csrf})
check(r.status == 303 and sql(f"SELECT disabled FROM users WHERE id = {uid}") == "1",
      "the admin disables buyer2 on node B", str(r.status))
check(set(statuses(buyer_b, "/buyer/")) == {303}, "node B's processes refuse buyer2 at once (its counter)")
time.sleep(1.1)
sa, sb = statuses(buyer_a, "/buyer/"), statuses(buyer_b, "/buyer/")
check(set(sa) == {303} and set(sb) == {303},
      "1.1 s later every process of both nodes refuses the disabled account", f"A {sa} B {sb}")
subprocess.run([os.path.join(os.environ["DESK_BUILDDIR"], "tools", "deskctl"), "user", "enable", "buyer2"],
               capture_output=True, check=True)

# --- Signed out on node A: refused on node B 1.1 s later. ---
seller_a = on(A, None)
check(seller_a.login("/seller/", "seller1").status == 303, "seller1 signs in on node A")
cookie = dict(seller_a.jar)
seller_b = on(B, seller_a)
check(set(statuses(seller_b, "/seller/addresses")) == {200}, "node B serves the seller's session")
csrf = seller_a.csrf("/seller/addresses")
check(seller_a.post("/seller/logout", {"csrf": csrf}).status == 303, "the seller signs out on node A")
replay_a, replay_b = on(A, None), on(B, None)
replay_a.jar, replay_b.jar = dict(cookie), dict(cookie)
check(set(statuses(replay_a, "/seller/addresses")) == {303},
      "node A's processes refuse the ended session at once (its counter)")
time.sleep(1.1)
sb = statuses(replay_b, "/seller/addresses")
check(set(sb) == {303}, "1.1 s later every process of node B refuses it too", str(sb))

# --- A new policy version written to the database: both nodes show it 1.1 s later. ---
anon_a, anon_b = on(A, None), on(B, None)
check("Version 1" in anon_a.get("/buyer/policy").text and "Version 1" in anon_b.get("/buyer/policy").text,
      "both nodes show policy version 1")
sql(PUBLISH_V2)
time.sleep(1.1)
pa = [re.search(r"Version 2", anon_a.get("/buyer/policy").text) is not None for _ in range(SPREAD)]
pb = [re.search(r"Version 2", anon_b.get("/buyer/policy").text) is not None for _ in range(SPREAD)]
check(all(pa) and all(pb), "1.1 s later every process of both nodes shows version 2", f"A {pa} B {pb}")
sql(UNPUBLISH_V2)

deskhttp.print_results(results)
