#!/usr/bin/env python3
"""tests/scale/galera_test.py: the desk over a three-node Galera cluster (scripts/galera), through its pages.

Run by tests/scale/galera.test with the cluster's folder, its base port and the stand-in payment
system's URL, once the three database nodes run and three web nodes (web node K on database node K,
the webhook refund executor, no workers yet) answer. Prints TAP.

The programs are stateless: a session and the one-time form tokens live in the database, so a
browser signed in on one web node acts on another. What is checked: sign in on one node and act on
another; 200 concurrent approvals of one case spread over the three web nodes (so over the three
database nodes) give one refund; two workers on two database nodes never pay one refund twice; a
database node killed (SIGKILL) while cases are submitted loses no acknowledged case, its web node
answers 503 meanwhile and recovers when the node is back; `deskctl reconcile` passes at the end.
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request

SRC = os.environ["DESK_SRCDIR"]
BUILD = os.environ["DESK_BUILDDIR"]
sys.path.insert(0, os.path.join(SRC, "tests", "http"))
import deskhttp  # noqa: E402
from http_cases import form_fields, open_request, orders_where, request_unshipped  # noqa: E402

G, BASE_PORT, PAY = sys.argv[1], int(sys.argv[2]), sys.argv[3]
WEB = {k: f"http://127.0.0.1:{BASE_PORT + 40 + k}" for k in (1, 2, 3)}
TAP = deskhttp.Tap()
check, comment = TAP.check, TAP.comment


def sql(node, q):
    """The output of q as root on database node 1-3 ('' when the node is down)."""
    p = subprocess.run(["mariadb", "--no-defaults", f"--socket={G}/db{node}/run/mysqld.sock", "-u", "root",
                        "-N", "-B", "refund_desk", "-e", q], capture_output=True, text=True)
    return p.stdout.strip() if p.returncode == 0 else None


def galera(*args):
    env = dict(os.environ, GALERA_DIR=G, GALERA_PORT=str(BASE_PORT), GALERA_NO_BUILD="1")
    return subprocess.run(["sh", os.path.join(SRC, "scripts", "galera"), *args], env=env,
                          capture_output=True, text=True)


def browser(node, jar=None):
    """A browser of web node 1-3; with jar, sharing another browser's cookies (the same session)."""
    b = deskhttp.Browser(WEB[node])
    if jar is not None:
        b.jar = jar
    return b


def status_of(fn):
    try:
        return fn().status
    except Exception as e:  # a hang or a reset: never acceptable
        return f"error: {e}"


def pay_get(path):
    with urllib.request.urlopen(PAY + path, timeout=10) as r:
        return r.read().decode()


def seller_of(case):
    """(login, browser on web node 1) of the seller whose shop has case."""
    for login in ("seller1", "seller2", "seller3"):
        s = browser(1)
        s.login("/seller/", login)
        if s.get(f"/seller/case/{case}").status == 200:
            return login, s
    return None, None


# ---------------------------------------------------------------------------------------------
# The cluster.
# ---------------------------------------------------------------------------------------------
sizes = [sql(n, "SHOW STATUS LIKE 'wsrep_cluster_size'") for n in (1, 2, 3)]
check(all(s and s.endswith("\t3") for s in sizes), "three database nodes in one cluster", sizes)
users = [sql(n, "SELECT COUNT(*) FROM users") for n in (1, 2, 3)]
check(users[0] and users[0] != "0" and len(set(users)) == 1,
      "the demo data, loaded through node 1, are on every node", users)

# ---------------------------------------------------------------------------------------------
# Sign in on one web node, act on another.
# ---------------------------------------------------------------------------------------------
b1 = browser(1)
r = b1.login("/buyer/", "buyer1")
check(r.status == 303, "buyer1 signs in on web node 1", r.status)
b2, b3 = browser(2, b1.jar), browser(3, b1.jar)
r = b2.get("/buyer/")
check(r.status == 200 and "/buyer/login" not in (r.header("location") or "") and "case/new?order=" in r.text,
      "web node 2 knows the session made on web node 1", r.status)
unshipped = orders_where(b1, "Not shipped yet")
f = open_request(b1, unshipped[0], "refund_only", "no", "changed_mind_unshipped")  # the form from node 1
r = b2.post("/buyer/case/new", f)  # sent to node 2
loc = r.header("location") or ""
check(r.status == 303 and loc.startswith("/buyer/case/"),
      "a request form drawn by web node 1 is accepted by web node 2 (its one-time token is in the database)",
      f"{r.status} {r.text[:300]}")
case = loc.rsplit("/", 1)[-1]
r = b3.get(loc)
check(r.status == 200 and "Waiting for the seller to answer" in r.text,
      "web node 3 (database node 3) shows the case at once after the redirect (wsrep_sync_wait)", r.status)
r = b3.post("/buyer/case/new", f)
check(r.status == 303 and r.header("location") == loc,
      "the same form sent again to web node 3 opens no second case", f"{r.status} {r.header('location')}")

# ---------------------------------------------------------------------------------------------
# 200 concurrent approvals over three web nodes and three database nodes.
# ---------------------------------------------------------------------------------------------
login, s1 = seller_of(case)
check(login is not None, "the case is in its shop's desk")
s2 = browser(2)
s2.login("/seller/", login)
adm = browser(3)
adm.login("/admin/", "admin")
sessions = [("/seller/", s1.jar), ("/seller/", s2.jar), ("/admin/", adm.jar)]
forms = []
for i in range(200):
    prefix, jar = sessions[i % 3]
    drawn, sent = i % 3 + 1, (i + 1) % 3 + 1  # the form from one node, the POST to the next
    page = browser(drawn, jar).get(f"{prefix}case/{case}").text
    forms.append((browser(sent, jar), prefix, form_fields(page, "approve_refund")))
check(all(x[2] for x in forms), "every approver, on every web node, sees the approve button")
statuses, lock = [], threading.Lock()


def fire(item):
    who, prefix, fields = item
    st = status_of(lambda: who.post(f"{prefix}case/{case}", fields))
    with lock:
        statuses.append(st)


t0 = time.monotonic()
threads = [threading.Thread(target=fire, args=(x,)) for x in forms]
for th in threads:
    th.start()
for th in threads:
    th.join()
conflicts = [sql(n, "SHOW STATUS LIKE 'wsrep_local_cert_failures'") for n in (1, 2, 3)]
comment(f"200 approvals answered in {time.monotonic() - t0:.1f} s; certification conflicts: {conflicts}")
retried = 0
for k in (1, 2, 3):
    for name in os.listdir(f"{G}/web{k}/log"):
        with open(f"{G}/web{k}/log/{name}", errors="replace") as fh:
            retried += fh.read().count("rolled back by a deadlock or a cluster conflict")
comment(f"transactions tried again after a deadlock or a certification conflict (the programs' logs): {retried}")
check(statuses.count(303) == 1 and statuses.count(409) == 199,
      "200 concurrent approvals over three web and three database nodes: one 303, 199 'already decided' (409)",
      f"303={statuses.count(303)} 409={statuses.count(409)} all={sorted(set(map(str, statuses)))}")
check(not [x for x in statuses if not isinstance(x, int) or x >= 500], "no 5xx and no hang under the race")
rows = [sql(n, f"SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM refunds WHERE case_id = {int(case)}")
        for n in (1, 2, 3)]
approved = sql(1, f"SELECT approved_cents FROM cases WHERE id = {int(case)}")
check(len(set(rows)) == 1 and rows[0].split("\t") == ["1", approved],
      "one refund row of the approved amount, the same on every database node", f"{rows} approved={approved}")
lines = [sql(n, f"SELECT SUM(ol.pending_cents + ol.refunded_cents) FROM order_lines ol "
                f"JOIN cases c ON c.order_id = ol.order_id WHERE c.id = {int(case)}") for n in (1, 2, 3)]
check(len(set(lines)) == 1 and lines[0] == approved,
      "the order's lines hold the refund once (pending + refunded = the approved amount) on every node",
      f"{lines} approved={approved}")
check(browser(2, b1.jar).get(loc).text.count("Refund approved") == 1, "the buyer sees one approval")

# ---------------------------------------------------------------------------------------------
# Two workers on two database nodes pay each refund once.
# ---------------------------------------------------------------------------------------------
more = []
for n, buyer in enumerate(("buyer2", "buyer3", "buyer4", "buyer5", "buyer6", "buyer7")):
    node = n % 3 + 1
    b = browser(node)
    b.login("/buyer/", buyer)
    _, c = request_unshipped(b)
    if not c:
        continue
    lg, s = seller_of(c)
    s = browser(node % 3 + 1, s.jar) if s else None
    fields = form_fields(s.get(f"/seller/case/{c}").text, "approve_refund") if s else None
    if fields and s.post(f"/seller/case/{c}", fields).status == 303:
        more.append(int(c))
check(len(more) >= 4, "more cases approved on all three web nodes while no worker runs", more)
cases = [int(case)] + more
ids = ",".join(map(str, cases))
pending = sql(1, f"SELECT COUNT(*) FROM refunds WHERE case_id IN ({ids}) AND status = 'pending'")
check(pending == str(len(cases)), "their refunds wait for a worker", pending)
# All due in 4 s: both workers, started meanwhile, wake for them at the same moment and race.
sql(1, f"UPDATE refunds SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL 4 SECOND WHERE case_id IN ({ids})")
for k in (1, 2):  # both at once: they race for the same rows
    subprocess.run(["sh", "-c", f'. "{SRC}/scripts/lib.sh" && desk_worker_start "{G}/web{k}" "{BUILD}"'],
                   check=True)
t0 = time.monotonic()
while time.monotonic() - t0 < 90:
    done = sql(1, f"SELECT COUNT(*) FROM refunds WHERE case_id IN ({ids}) AND status = 'succeeded'")
    if done == str(len(cases)):
        break
    time.sleep(0.5)
comment(f"{len(cases)} refunds paid by two workers in {time.monotonic() - t0:.1f} s")
check(done == str(len(cases)), "every refund is paid", f"{done} of {len(cases)}")
keys = (sql(2, f"SELECT idempotency_key FROM refunds WHERE case_id IN ({ids})") or "").split()
calls = {k: int(pay_get("/calls?key=" + k)) for k in keys}
check(len(keys) == len(cases) and all(v == 1 for v in calls.values()),
      "the payment system was called once per refund (no refund claimed by both workers)", calls)
paid_by = [len(re.findall(r"refund \d+ of case \d+ .*: paid", open(f"{G}/web{k}/log/deskd.log").read()))
           for k in (1, 2)]
comment(f"refunds paid by worker 1: {paid_by[0]}, worker 2: {paid_by[1]}")
check(sum(paid_by) == len(cases), "the workers' logs say each refund was paid once in all", paid_by)

# ---------------------------------------------------------------------------------------------
# A database node killed while cases are submitted.
# ---------------------------------------------------------------------------------------------
acked, seen, stop = [], [], threading.Event()
after_kill = threading.Event()
COMBOS = (("refund_only", "no", "changed_mind_unshipped"), ("return_refund", "yes", "no_reason_7d"),
          ("refund_only", "no", "not_received"))


def submitter(node, buyer):
    b = browser(node)
    if b.login("/buyer/", buyer).status != 303:
        return
    page = b.get("/buyer/").text
    todo = list(dict.fromkeys(re.findall(r"case/new\?order=(\d+)", page)))
    tries_after = 0
    for oid in todo:
        if stop.is_set() or tries_after >= 4:
            break
        for combo in COMBOS:
            try:
                r = b.post("/buyer/case/new", open_request(b, oid, *combo))
                st, where = r.status, r.header("location") or ""
            except Exception as e:
                st, where = f"error: {e}", ""
            with lock:
                seen.append((node, st))
                if st == 303 and where.startswith("/buyer/case/"):
                    acked.append((node, int(where.rsplit("/", 1)[-1])))
            if st != 422:
                break
        if after_kill.is_set():
            tries_after += 1


watch = browser(3)  # signed in on web node 3 before its database node dies
watch.login("/buyer/", "buyer20")
subs = [threading.Thread(target=submitter, args=(k % 3 + 1, f"buyer{8 + k}")) for k in range(9)]
for th in subs:
    th.start()
t0 = time.monotonic()
while len(acked) < 6 and time.monotonic() - t0 < 60:
    time.sleep(0.05)
with open(f"{G}/db3/run/mysqld.pid") as fh:
    os.kill(int(fh.read().strip()), signal.SIGKILL)
after_kill.set()
comment(f"database node 3 killed after {len(acked)} acknowledged submissions")
for th in subs:
    th.join(timeout=120)
stop.set()
comment(f"{len(acked)} submissions acknowledged in all; answers: "
        f"{sorted(set((n, str(s)) for n, s in seen))}")
check(not [s for n, s in seen if n != 3 and (not isinstance(s, int) or s >= 500)],
      "web nodes 1 and 2 (database nodes 1 and 2) answer every submission, no 5xx",
      [x for x in seen if x[0] != 3])
check(not [s for n, s in seen if not isinstance(s, int)], "no submission hangs or is cut off",
      [x for x in seen if not isinstance(x[1], int)])
ids = ",".join(str(c) for n, c in acked) or "0"
have = [sql(n, f"SELECT COUNT(*) FROM cases WHERE id IN ({ids})") for n in (1, 2)]
check(len(acked) >= 6 and have == [str(len(acked))] * 2,
      "every acknowledged case (303) is on both surviving database nodes", f"{have} of {len(acked)}")
st = status_of(lambda: watch.get("/buyer/"))
check(st == 503, "web node 3, whose database node died, answers 503 (not a hang, not 500)", st)
r = galera("db-start", "3")
check(r.returncode == 0, "database node 3 starts again and rejoins the cluster", r.stderr[-800:])
t0, st = time.monotonic(), None
while time.monotonic() - t0 < 30:
    st = status_of(lambda: watch.get("/buyer/"))
    if st == 200:
        break
    time.sleep(0.2)
check(st == 200, "web node 3 serves again once its database node is back (the programs reconnect; "
      "the session made before is still good)", st)
b3 = browser(3)
b3.login("/buyer/", "buyer8")
check(b3.get("/buyer/cases").status == 200, "and signs in and shows pages on it")
have3 = sql(3, f"SELECT COUNT(*) FROM cases WHERE id IN ({ids})")
check(have3 == str(len(acked)), "the rejoined node has every acknowledged case", f"{have3} of {len(acked)}")

# ---------------------------------------------------------------------------------------------
# The books.
# ---------------------------------------------------------------------------------------------
for k in (1, 2):
    subprocess.run(["sh", "-c", f'. "{SRC}/scripts/lib.sh" && desk_worker_stop "{G}/web{k}"'], check=True)
for n in (1, 3):
    p = subprocess.run([os.path.join(BUILD, "tools", "deskctl"), "reconcile"], capture_output=True, text=True,
                       env=dict(os.environ, REFUND_DESK_CONF=f"{G}/web{n}/refund-desk.conf"))
    check(p.returncode == 0 and "reconcile: 0 problems" in p.stdout,
          f"deskctl reconcile passes on database node {n}", p.stdout[-800:] + p.stderr[-400:])
print(f"1..{TAP.count}")
