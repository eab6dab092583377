#!/usr/bin/env python3
"""tests/http/http_worker.py: the worker (tools/deskd) through faults, with the real pages.

Run by tests/http/worker.test with the base URL, the run-time folder and the
stand-in payment system's URL, on a seeded database with refund_executor =
webhook, webhook_timeout_ms = 1000, refund_max_attempts = 3, short database
timeouts, and deskd running under the supervisor of scripts/lib.sh (its pid
in VAR/run/deskd.pid, its log in VAR/log/deskd.log). Prints TAP.

Web requests never call the payment system: a decision commits a pending
refund and answers; the worker claims it, calls, and settles. Each test
below changes one thing around the worker (the payment system slow, down or
refusing; the worker killed; the database stopped or stalled) and checks
the outcome on the pages, in the ledger and at the payment system. Clocks
are moved with VAR/clock-offset instead of waiting (leases, back-off,
deadlines). Measured delays are printed as TAP comments, never asserted.
"""
import html
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse

import deskhttp  # noqa: E402
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_cases import act, open_request, orders_where  # noqa: E402

BASE, VAR, PAY = sys.argv[1], sys.argv[2], sys.argv[3]
SRC = os.environ["DESK_SRCDIR"]
BUILD = os.environ["DESK_BUILDDIR"]
DESKD_LOG = f"{VAR}/log/deskd.log"

# ---------------------------------------------------------------------------------------------
# TAP and a small browser (the same as in http_test.py, which runs its tests when imported).
# ---------------------------------------------------------------------------------------------
HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port
TAP = deskhttp.Tap()
check, comment = TAP.check, TAP.comment


class Browser(deskhttp.Browser):
    """A client of the server under test (one thread each)."""

    def __init__(self):
        super().__init__(BASE)


# ---------------------------------------------------------------------------------------------
# Helpers: the database (read only, as root), the payment stand-in, the clock, the worker's pid.
# ---------------------------------------------------------------------------------------------


def sql(q):
    return deskhttp.sql(VAR, q)


def refund_rows(case):
    """[(status, attempts, key, last_error)] of the case's ledger rows, oldest first."""
    out = sql(f"SELECT status, attempts, idempotency_key, COALESCE(last_error, '') FROM refunds "
              f"WHERE case_id = {int(case or 0)} ORDER BY id")
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def row0(case):
    """The case's first ledger row, or a row that matches nothing."""
    rows = refund_rows(case)
    return rows[0] if rows else ("none", "-1", "", "")


def pay_get(path):
    with urllib.request.urlopen(PAY + path, timeout=10) as r:
        return r.read().decode()


def pay_mode(query):
    req = urllib.request.Request(PAY + "/mode?" + query, data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode()


def calls(key):
    return int(pay_get("/calls?key=" + key))


def payments():
    return json.loads(pay_get("/payments"))


offset = 0


def set_clock(secs):
    """Moves the clock of every program (pages and worker) to secs ahead of the real one."""
    global offset
    offset = int(secs)
    with open(f"{VAR}/clock-offset.tmp", "w") as f:
        f.write(str(offset))
    os.replace(f"{VAR}/clock-offset.tmp", f"{VAR}/clock-offset")


def supervisor_pid():
    with open(f"{VAR}/run/deskd.pid") as f:
        return int(f.read().strip())


def deskd_pid():
    """The supervised deskd (a child of the supervisor named deskd), or None."""
    sup = supervisor_pid()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                st = f.read()
        except OSError:
            continue
        comm = st[st.index("(") + 1:st.rindex(")")]
        ppid = int(st[st.rindex(")") + 2:].split()[1])
        if ppid == sup and comm == "deskd":
            return int(name)
    return None


def sleeping(pid):
    """Whether pid is in nanosleep (deskd between passes: no statement, no transaction open)."""
    try:
        with open(f"/proc/{pid}/syscall") as f:
            nr = f.read().split()[0]
        with open(f"/proc/{pid}/wchan") as f:
            wchan = f.read()
    except OSError:
        return False
    return nr in ("35", "230") or "nanosleep" in wchan


def hold(pid):
    """Stops pid (SIGSTOP) while it sleeps between two passes; returns whether it did within 10 s."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < 10:
        os.kill(pid, signal.SIGSTOP)
        for _ in range(50):
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] in "Tt":
                    break
            time.sleep(0.001)
        if sleeping(pid):
            return True
        os.kill(pid, signal.SIGCONT)
        time.sleep(0.02)
    return False


def db_pid():
    with open(f"{VAR}/run/mysqld.pid") as f:
        return int(f.read().strip())


def db_start():
    subprocess.run(["sh", "-c", f'. "{SRC}/scripts/lib.sh" && desk_db_start "{VAR}"'], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def log_text():
    with open(DESKD_LOG, encoding="utf-8", errors="replace") as f:
        return f.read()


def wait_for(fn, timeout=15.0, step=0.1):
    """Calls fn until it returns something true or timeout seconds pass; returns (value, seconds)."""
    t0 = time.monotonic()
    while True:
        v = fn()
        if v or time.monotonic() - t0 > timeout:
            return v, time.monotonic() - t0
        time.sleep(step)


def state_of(page):
    m = re.search(r'class="state state-([a-z_]+)"', page.text)
    return m.group(1) if m else f"no state ({page.status})"


def login(prefix, who):
    b = Browser()
    r = b.login(prefix, who)
    if r.status != 303:
        check(False, f"{who} signs in at {prefix}", str(r.status))
    return b


def new_case(buyer_login):
    """The buyer asks for a refund of an order not shipped yet; returns (case id, buyer, its seller)."""
    b = login("/buyer/", buyer_login)
    orders = orders_where(b, "Not shipped yet")
    if not orders:
        check(False, f"{buyer_login} has an order not shipped yet")
        return None, b, None
    r = b.post("/buyer/case/new", open_request(b, orders[0], "refund_only", "no", "changed_mind_unshipped"))
    loc = r.header("location") or ""
    if r.status != 303 or "/case/" not in loc:
        check(False, f"{buyer_login} opens a request", f"{r.status} {r.text[-300:]}")
        return None, b, None
    case = loc.rsplit("/", 1)[-1]
    for s in ("seller1", "seller2", "seller3"):
        sb = login("/seller/", s)
        if f'case/{case}"' in sb.get("/seller/").text:
            return case, b, sb
    check(False, f"case {case} is in a seller's queue")
    return case, b, None


def approve(seller, case):
    r = act(seller, "/seller/", case, "approve_refund")
    if r is None:
        check(False, f"the seller sees the approve button on case {case}")
    return r


def wait_state(b, prefix, case, want, timeout=15.0):
    """Polls the case page until its state is want; returns (page state, seconds)."""
    last = {}

    def look():
        last["s"] = state_of(b.get(f"{prefix}case/{case}"))
        return last["s"] == want
    ok, secs = wait_for(look, timeout, 0.2)
    return last["s"], secs


def one_success(case):
    rows = refund_rows(case)
    return [r[0] for r in rows].count("succeeded") == 1 and len(rows) == 1


# The demo (README: "a few cases in different states") as deskctl seed-demo left it.
with open(f"{VAR}/log/seed.log", encoding="utf-8", errors="replace") as f:
    refused = [line for line in f if line.startswith("deskctl: demo case of")]
states = sql("SELECT GROUP_CONCAT(DISTINCT state ORDER BY state) FROM cases").strip()
check(not refused and states != "requested",
      "seed-demo takes the demo cases through their steps (different states, no step refused)",
      f"states: {states}; " + "; ".join(line.strip() for line in refused[:4]))

# The payment stand-in is healthy and the worker is running before anything starts.
started, _ = wait_for(lambda: "deskd: started" in log_text() and deskd_pid(), 10)
check(started, "the supervisor has started deskd (\"started\" in its log)", log_text()[-300:])
first_pid = deskd_pid()
admin = login("/admin/", "admin")

# ---------------------------------------------------------------------------------------------
# (a) A seller approves through the real pages: 303 before any payment call; the worker pays.
# ---------------------------------------------------------------------------------------------
case_a, buyer_a, seller_a = new_case("buyer8")
key_a = f"refund-desk-{case_a}-1"
pay_mode("set=slow&secs=0.5")  # pays, answering after half a second (within the 1 s timeout)
# Hold the worker between two passes (asleep, holding no lock) while the
# seller approves, so that a call counted below can only be the web
# request's own; with the worker let go, it must then pay.
pid = deskd_pid()
held = hold(pid)
try:
    t0 = time.monotonic()
    r = approve(seller_a, case_a)
    post_secs = time.monotonic() - t0
    n_calls = calls(key_a)
    page = seller_a.get(f"/seller/case/{case_a}")
    rows = refund_rows(case_a)
finally:
    os.kill(pid, signal.SIGCONT)
check(held, "deskd can be held asleep between two passes (SIGSTOP) for the approval")
check(r is not None and r.status == 303 and n_calls == 0 and state_of(page) == "refunding",
      "the approval answers 303 with the payment system slow and no payment call made; the case is 'refunding'",
      f"{r.status if r else None} calls={n_calls} state={state_of(page)}")
comment(f"(a) the approval POST took {post_secs * 1000:.0f} ms; the payment system answers after 500 ms")
check(len(rows) == 1 and rows[0][0] == "pending" and rows[0][2] == key_a,
      "the decision committed one pending ledger row with the key refund-desk-<case>-1", str(rows))
t0 = time.monotonic()
st, secs = wait_state(buyer_a, "/buyer/", case_a, "refunded")
p = payments().get(key_a, {})
check(st == "refunded" and p.get("count") == 1 and calls(key_a) == 1 and one_success(case_a),
      "the worker executes it: the buyer's case page shows it refunded; one call, one payment, one succeeded row",
      f"{st} {p} calls={calls(key_a)} {refund_rows(case_a)}")
comment(f"(a) refunded on the case page {secs:.2f} s after the worker was let go")
check(re.search(rf"refund \d+ of case {case_a} \({key_a}, attempt 1\): paid$", log_text(), re.M),
      "deskd logs one line for the refund it paid", log_text()[-400:])
pay_mode("set=pay")

# ---------------------------------------------------------------------------------------------
# (b) A passed deadline is applied by the running worker after the clock is moved.
# ---------------------------------------------------------------------------------------------
case_b, buyer_b, seller_b = new_case("buyer9")
before = offset
set_clock(offset + 49 * 3600)  # seller_response_hours = 48 in the demo policy
late = login("/buyer/", "buyer9")  # the old session expired with the move
ok, secs = wait_for(lambda: "Deadline passed" in late.get(f"/buyer/case/{case_b}").text, 15, 0.2)
check(ok, "the running worker applies the passed deadline (the case page shows 'Deadline passed')")
comment(f"(b) deadline applied {secs:.2f} s after the clock moved 49 h")
st, secs = wait_state(late, "/buyer/", case_b, "refunded")
check(st == "refunded" and one_success(case_b),
      "and pays the refund it decided (seller silence approves): refunded, one succeeded row",
      f"{st} {refund_rows(case_b)}")
comment(f"(b) refunded {secs:.2f} s later")
log = log_text()
check(re.search(rf"case {case_b}: deadline applied: requested -> [a-z_]+$", log, re.M),
      "deskd logs one line for the deadline it applied", log[-400:])
set_clock(before)
admin = login("/admin/", "admin")

# ---------------------------------------------------------------------------------------------
# (c) deskd killed while the payment system is paying: the lease expires, the retry settles once.
# ---------------------------------------------------------------------------------------------
case_c, buyer_c, seller_c = new_case("buyer10")
key_c = f"refund-desk-{case_c}-1"
pay_mode(f"key={key_c}&set=slow&secs=0.8")  # pays, answers just within the 1 s timeout
victim = deskd_pid()
r = approve(seller_c, case_c)
called, _ = wait_for(lambda: calls(key_c) >= 1, 10, 0.01)
os.kill(victim, signal.SIGKILL)
rows = [row0(case_c)]
check(r is not None and r.status == 303 and called and rows and rows[0][0] == "pending" and rows[0][1] == "0",
      "deskd is killed (SIGKILL) after the payment system was called, before it recorded the answer",
      f"calls={calls(key_c)} rows={rows}")
pay_mode(f"key={key_c}&set=")
restarted, secs = wait_for(lambda: (deskd_pid() or victim) != victim and deskd_pid(), 10)
check(restarted, "the supervisor starts deskd again", log_text()[-300:])
comment(f"(c) a new deskd {secs:.2f} s after the kill")
time.sleep(1.5)  # two passes of the new worker: the lease still holds the row
check(calls(key_c) == 1 and row0(case_c)[0] == "pending",
      "while its lease holds, the new worker leaves the refund alone", f"calls={calls(key_c)}")
set_clock(offset + 65)  # past the lease (webhook_timeout_ms / 1000 + 60 s)
st, secs = wait_state(buyer_c, "/buyer/", case_c, "refunded")
p = payments().get(key_c, {})
check(st == "refunded" and p.get("count") == 1 and calls(key_c) == 2 and one_success(case_c),
      "after the lease the retry with the same key settles it: refunded, exactly one payment, one succeeded row",
      f"{st} payments={p} calls={calls(key_c)} rows={refund_rows(case_c)}")
comment(f"(c) refunded {secs:.2f} s after the clock passed the lease")

# ---------------------------------------------------------------------------------------------
# (d) The payment system is down, then back.
# ---------------------------------------------------------------------------------------------
case_d, buyer_d, seller_d = new_case("buyer11")
key_d = f"refund-desk-{case_d}-1"
pay_mode("set=down&secs=3")


def refused():
    try:
        pay_get("/mode")
        return False
    except (urllib.error.URLError, ConnectionError, OSError):
        return True


wait_for(refused, 5, 0.05)
r = approve(seller_d, case_d)
tried, secs = wait_for(lambda: row0(case_d)[1] == "1", 5)
rows = [row0(case_d)]
page = buyer_d.get(f"/buyer/case/{case_d}")
ledger = admin.get("/admin/refunds")
row = re.search(rf'<tr>\s*<td data-label="Case">\s*<a href="/admin/case/{case_d}">.*?</tr>', ledger.text, re.S)
row = html.unescape(row.group(0)) if row else ""
check(r is not None and r.status == 303 and tried and rows[0][0] == "pending" and rows[0][3]
      and state_of(page) == "refunding",
      "with the payment system down the refund stays pending, the case 'refunding', the error recorded",
      f"{rows} {state_of(page)}")
check(row and "failing, will retry" in row and f'Last error">{rows[0][3]}</td>' in row and key_d in row,
      "the admin's refund ledger shows it failing, with its key and its last error", row or ledger.text[-500:])
comment(f"(d) last error: {rows[0][3] if rows else ''}")
back, _ = wait_for(lambda: not refused(), 15, 0.2)
set_clock(offset + 65)  # past the first retry (1 minute)
st, secs = wait_state(buyer_d, "/buyer/", case_d, "refunded")
p = payments().get(key_d, {})
check(back and st == "refunded" and p.get("count") == 1 and one_success(case_d),
      "once it is back and the retry is due, it is paid once", f"{st} {p} {refund_rows(case_d)}")
comment(f"(d) paid {secs:.2f} s after the clock passed the retry time")

# ---------------------------------------------------------------------------------------------
# (e) A refund the payment system refuses for good is given up after refund_max_attempts (3).
# ---------------------------------------------------------------------------------------------
case_e, buyer_e, seller_e = new_case("buyer12")
key_e = f"refund-desk-{case_e}-1"
pay_mode(f"key={key_e}&set=500")
r = approve(seller_e, case_e)
seen = []
for n, wait_min in ((1, 1), (2, 2), (3, 4)):
    done, _ = wait_for(lambda: row0(case_e)[1] == str(n), 10)
    seen.append(row0(case_e)[:2])
    if n < 3:
        set_clock(offset + wait_min * 60 + 5)  # past the back-off of attempt n
check(r is not None and r.status == 303 and [x[0] for x in seen] == ["pending", "pending", "failed"]
      and row0(case_e)[2] == key_e and calls(key_e) == 3,
      "after 3 attempts (clock moved past 1 and 2 minutes of back-off) the ledger row is 'failed'",
      f"{seen} calls={calls(key_e)}")
set_clock(offset + 8 * 60)  # no more attempt comes, however long one waits
time.sleep(1.5)
page = buyer_e.get(f"/buyer/case/{case_e}")
check(calls(key_e) == 3 and row0(case_e)[0] == "failed" and state_of(page) == "refunding"
      and key_e not in payments(),
      "nothing retries it by itself; the case stays 'refunding'; nothing was paid",
      f"calls={calls(key_e)} {state_of(page)}")
admin = login("/admin/", "admin")
ledger = admin.get("/admin/refunds")
row = re.search(rf'<tr>\s*<td data-label="Case">\s*<a href="/admin/case/{case_e}">.*?</tr>', ledger.text, re.S)
row = row.group(0) if row else ""
check(row and "given up" in row and "HTTP 500" in row and key_e in row
      and re.search(r'data-label="Attempts">3</td>', row),
      "the admin's refund ledger shows it given up, after 3 attempts, with its last error", row)
rec = subprocess.run([f"{BUILD}/tools/deskctl", "reconcile"], capture_output=True, text=True)
# docs/payment-webhook.md: a failed refund is for an admin to decide, not a
# broken invariant; reconcile reports only broken invariants.
check(rec.returncode == 0 and "reconcile: 0 problems" in rec.stdout,
      "deskctl reconcile passes with the failed refund (it is not a broken invariant)", rec.stdout[-400:])
pay_mode(f"key={key_e}&set=")

# ---------------------------------------------------------------------------------------------
# (f), (g) The database stopped, then stalled, under load, with the worker running.
# ---------------------------------------------------------------------------------------------
load_buyer = login("/buyer/", "buyer7")


class Load:
    """A few threads GETting pages until stopped; records (status, seconds, retry-after)."""

    def __init__(self):
        self.stop = threading.Event()
        self.seen = []
        self.lock = threading.Lock()
        paths = [(login("/buyer/", "buyer7"), "/buyer/"), (login("/seller/", "seller1"), "/seller/"),
                 (login("/admin/", "admin"), "/admin/refunds"), (login("/buyer/", "buyer6"), "/buyer/cases")]
        self.threads = [threading.Thread(target=self.run, args=(b, p)) for b, p in paths]
        for t in self.threads:
            t.start()

    def run(self, b, path):
        while not self.stop.is_set():
            t0 = time.monotonic()
            try:
                r = b.get(path)
                item = (r.status, time.monotonic() - t0, r.header("retry-after"), path)
            except Exception as e:  # a hang ends in the client's timeout
                item = (str(e), time.monotonic() - t0, None, path)
            with self.lock:
                self.seen.append(item)
            time.sleep(0.05)

    def take(self):
        with self.lock:
            out, self.seen = self.seen, []
        return out

    def end(self):
        self.stop.set()
        for t in self.threads:
            t.join()
        return self.take()


def summary(items):
    by = {}
    for s, _, _, _ in items:
        by[s] = by.get(s, 0) + 1
    return f"{by}, slowest {max([x[1] for x in items] or [0]):.2f} s"


def outage_ok(items):
    """Every answer during an outage is 200 or the 503 with Retry-After, within a few seconds; at least one 503."""
    bad = [x for x in items if not (x[0] == 200 or (x[0] == 503 and x[2]))]
    slow = [x for x in items if x[1] > 8]
    return items and not bad and not slow and any(x[0] == 503 for x in items), bad[:3] + slow[:3]


def recovery(name, case, buyer, seller, pid_before, backs_before):
    """After an outage: pages 200, 'database back' in the worker's log, a new approval executed, same pid."""
    ok, secs = wait_for(lambda: load_buyer.get("/buyer/").status == 200, 15, 0.2)
    check(ok, f"({name}) after the database is back, the pages answer 200 again", f"after {secs:.1f} s")
    back, secs = wait_for(lambda: log_text().count("deskd: database back") > backs_before, 40, 0.2)
    check(back, f"({name}) the worker says 'database back' in its log", log_text()[-400:])
    comment(f"({name}) 'database back' {secs:.2f} s after the pages were back")
    r = approve(seller, case)
    st, secs = wait_state(buyer, "/buyer/", case, "refunded")
    check(r is not None and r.status == 303 and st == "refunded" and one_success(case),
          f"({name}) a refund approved after the outage is executed by the same worker", f"{st} {refund_rows(case)}")
    comment(f"({name}) refunded {secs:.2f} s after the approval")
    check(deskd_pid() == pid_before, f"({name}) no process was restarted: deskd has the same pid",
          f"{pid_before} -> {deskd_pid()}")


# (f) Shut down.
case_f, buyer_f, seller_f = new_case("buyer13")
pid_f, backs = deskd_pid(), log_text().count("deskd: database back")
load = Load()
time.sleep(0.5)
load.take()
subprocess.run(["mariadb-admin", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "shutdown"], check=True)
time.sleep(2)
during = load.take()
db_start()
time.sleep(1)
load_f = load.end()
ok, bad = outage_ok(during)
check(ok, "(f) with the database shut down, every page answers 503 with Retry-After (or 200), none hangs, no 500",
      f"{summary(during)} {bad}")
comment(f"(f) {len(during)} GETs during the outage: {summary(during)}")
recovery("f", case_f, buyer_f, seller_f, pid_f, backs)

# (g) Stalled (SIGSTOP) for longer than db_read_timeout_secs (2 s).
case_g, buyer_g, seller_g = new_case("buyer14")
pid_g, backs = deskd_pid(), log_text().count("deskd: database back")
load = Load()
time.sleep(0.5)
load.take()
mpid = db_pid()
os.kill(mpid, signal.SIGSTOP)
try:
    time.sleep(4)
    during = load.take()
finally:
    os.kill(mpid, signal.SIGCONT)
time.sleep(1)
load.end()
ok, bad = outage_ok(during)
check(ok, "(g) with the database stalled, every page answers 503 with Retry-After (or 200), none hangs, no 500",
      f"{summary(during)} {bad}")
comment(f"(g) {len(during)} GETs during the stall: {summary(during)}")
recovery("g", case_g, buyer_g, seller_g, pid_g, backs)

# ---------------------------------------------------------------------------------------------
# (h) SIGTERM stops deskd cleanly: a second, unsupervised instance.
# ---------------------------------------------------------------------------------------------
with open(f"{VAR}/log/deskd-h.log", "w") as out:
    d = subprocess.Popen([f"{BUILD}/tools/deskd"], stdout=out, stderr=subprocess.STDOUT)
    up, _ = wait_for(lambda: "started" in open(f"{VAR}/log/deskd-h.log").read(), 10)
    time.sleep(0.3)
    d.send_signal(signal.SIGTERM)
    try:
        status = d.wait(timeout=10)
    except subprocess.TimeoutExpired:
        d.kill()
        status = "hung"
text = open(f"{VAR}/log/deskd-h.log").read()
check(up and status == 0 and re.search(r"deskd: stopped$", text, re.M),
      "SIGTERM stops deskd cleanly: exit status 0, 'stopped' in its log", f"status={status} {text[-300:]}")

# After all of it the books balance.
rec = subprocess.run([f"{BUILD}/tools/deskctl", "reconcile"], capture_output=True, text=True)
check(rec.returncode == 0, "after all of it the ledger reconciles (deskctl reconcile)", rec.stdout[-400:])
paid = payments()
check(all(p["count"] == 1 for p in paid.values()), "the payment system never paid a key twice",
      json.dumps(paid)[:400])
set_clock(0)
print(f"1..{TAP.count}")
