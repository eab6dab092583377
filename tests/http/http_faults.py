"""tests/http/http_faults.py: database outages through lighttpd and the real programs.

Imported by tests/http_test.py, which passes check, Browser and VAR (the
harness's run-time folder, whose MariaDB pid is in VAR/run/mysqld.pid).
tests/http.test sets db_read_timeout_secs = 2 and db_connect_timeout_secs
= 1, so a stalled database costs a page about two seconds. Every outage
must give the desk's own 503 page with Retry-After and an incident id, and
the same programs must serve again, without a restart, once the database
is back.
"""
import os
import re
import signal
import subprocess
import threading
import time


def run(ctx):
    check, Browser, VAR = ctx["check"], ctx["Browser"], ctx["VAR"]
    SRC = os.environ["DESK_SRCDIR"]

    def db_pid():
        with open(f"{VAR}/run/mysqld.pid") as f:
            return int(f.read().strip())

    def db_start():
        subprocess.run(["sh", "-c", f'. "{SRC}/scripts/lib.sh" && desk_db_start "{VAR}"'], check=True)

    def outage_page(r):
        """Whether r is the desk's 503 page for an outage; returns the incident id or None."""
        m = re.search(r"incident <code>([0-9a-f]{8})</code>", r.text)
        ok = (r.status == 503 and r.header("retry-after") == "5" and m
              and "The desk is briefly unavailable" in r.text and "try again in a few seconds" in r.text
              and "mysql" not in r.text.lower() and "mariadb" not in r.text.lower())
        return m.group(1) if ok else None

    def in_parallel(browser, path, n):
        """GETs path n times at once (so every program process gets one); returns the responses and seconds."""
        out = [None] * n

        def one(i):
            out[i] = browser.get(path)
        t0 = time.monotonic()
        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out, time.monotonic() - t0

    log_path = f"{VAR}/log/programs.log"
    db = Browser()
    db.login("/buyer/", "buyer7")
    r = db.get("/buyer/")
    check(r.status == 200, "before the outages the orders page answers 200", str(r.status))

    # (1) The server shuts down cleanly: its socket goes away.
    subprocess.run(["mariadb-admin", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "shutdown"], check=True)
    r = db.get("/buyer/")
    inc = outage_page(r)
    check(inc, "with the database shut down: the desk's 503 page, Retry-After: 5, an incident id, no database words",
          f"{r.status} retry-after={r.header('retry-after')}")
    log = open(log_path, encoding="utf-8", errors="replace").read()
    check(inc and re.search(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ buyer\.fcgi\[\d+\] " + inc + r": error: ", log, re.M),
          "the outage is logged on one line with the same incident id")
    db_start()
    r = db.get("/buyer/")
    check(r.status == 200 and "My orders" in r.text,
          "once the database is back, the program reconnects by itself", str(r.status))

    # (2) The server stalls (SIGSTOP) for longer than db_read_timeout_secs.
    pid = db_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        # Wait until the kernel reports the server stopped (state T): under
        # load the stop is not instant, and a request in that window is served.
        for _ in range(100):
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] == "T":
                    break
            time.sleep(0.02)
        # Another page than the one just rendered: that one a process
        # may serve from its copy for a second (src/app/pagecache.c).
        rs, secs = in_parallel(db, "/buyer/cases", 4)
        second = db.get("/buyer/cases")
    finally:
        os.kill(pid, signal.SIGCONT)
    check(all(outage_page(x) for x in rs) and outage_page(second),
          "with the database stalled (SIGSTOP): 503 with Retry-After from every program, and again on the next request",
          f"{[x.status for x in rs]} {second.status} in {secs:.1f} s")
    rs, secs = in_parallel(db, "/buyer/", 4)
    check(all(x.status == 200 and "My orders" in x.text for x in rs),
          "after SIGCONT the same programs answer 200 again, without a restart",
          f"{[x.status for x in rs]}")

    # (3) The server is killed (SIGKILL): no clean shutdown, a stale socket.
    pid = db_pid()
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        try:
            os.kill(pid, 0)
            time.sleep(0.05)
        except ProcessLookupError:
            break
    rs, secs = in_parallel(db, "/buyer/cases", 4)
    check(all(outage_page(x) for x in rs), "with the database killed: 503 with Retry-After from every program",
          f"{[x.status for x in rs]}")
    db_start()
    rs, secs = in_parallel(db, "/buyer/", 4)
    check(all(x.status == 200 and "My orders" in x.text for x in rs),
          "once it is started again, every program answers 200 without a restart", f"{[x.status for x in rs]}")
