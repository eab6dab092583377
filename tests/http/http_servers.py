#!/usr/bin/env python3
"""tests/http/http_servers.py: what each web server must survive, from its shipped configuration.

Run by tests/http/{lighttpd,nginx,apache}.test with the base URL, the
harness's run-time folder and the server's name, after harness_web started
that server (tests/harness.sh, DESK_SERVER). Prints TAP.

1. A slow-connection flood: one client (127.0.0.2) opens 1,500 connections
   and sends each only the start of a request header; meanwhile another
   client (127.0.0.1) still gets the login page and a static file.
2. A killed program: every buyer.fcgi process gets SIGKILL; while they are
   replaced the server answers 200 or its 503 page (never 500 or 502), and
   then 200 again.
3. A program that refuses to start (its configuration made wrong): the
   server answers 503 with static/503.html; once the file is right again,
   the desk serves again.
4. (Once, with lighttpd: it does not depend on the server.) A program
   started on a socket of this test's own, as a web server starts it: it
   answers a request and closes the connection at once, so a server that
   keeps its end open (or reads the answer late) does not hold the
   process: a second connection is answered while the first is still
   open. fcgi2 by itself waits up to two seconds for the server to close
   first (http.c, http_finish()).
"""
import http.client
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402

BASE, VAR, SERVER = sys.argv[1], sys.argv[2], sys.argv[3]
BUILD = os.environ["DESK_BUILDDIR"]
HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port
PAGE_503 = "Error 503 · refund-desk"
# mod_fcgid turns a program that dies before its answer into Apache's 500
# ("End of script output before headers"); the configuration maps that to
# the same page, but Apache cannot change the status (use mod_proxy_fcgi,
# etc/apache-proxy-fcgi.conf, for a true 503).
UNAVAILABLE = (500, 503) if SERVER == "apache-fcgid" else (503,)
# lighttpd answers 500 to a request that races the death of the process it
# was handed to (it has not seen the child die yet); the next are served.
KILLED = (500, 503) if SERVER in ("apache-fcgid", "lighttpd") else (503,)

results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))
    print(f"{time.strftime('%H:%M:%S')} {SERVER}: {'ok' if ok else 'NOT OK'}: {name}", file=sys.stderr, flush=True)


def get(path, timeout=20):
    """One GET from 127.0.0.1 on a new connection: (status, body text); (0, error) if it failed."""
    c = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        c.request("GET", path, headers={"Connection": "close"})
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    except OSError as e:
        return 0, f"{type(e).__name__}: {e}"
    finally:
        c.close()


def program_pids(name):
    """Pids of this test's processes of BUILD/cgi-bin/name (other tests run the same programs at once:
    only those whose REFUND_DESK_CONF is this folder's file)."""
    want = os.path.realpath(f"{BUILD}/cgi-bin/{name}")
    mine = f"REFUND_DESK_CONF={VAR}/refund-desk.conf".encode()
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                argv0 = f.read().split(b"\0")[0].decode()
            if not argv0 or os.path.realpath(argv0) != want:
                continue
            with open(f"/proc/{p}/environ", "rb") as f:
                if mine in f.read().split(b"\0"):
                    pids.append(int(p))
        except OSError:
            continue
    return pids


def until(pred, tries=150, pause=0.2):
    """Polls pred() until it returns a true value (at most tries times); returns the last value."""
    v = None
    for _ in range(tries):
        v = pred()
        if v:
            return v
        time.sleep(pause)
    return v


s, body = get("/buyer/login")
check(s == 200 and "Login name" in body, f"{SERVER}: the login page answers 200 before the checks", str(s))

# --- 1. A slow-connection flood from one client ----------------------------
N = 1500
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < N + 200:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, N + 500), hard))
flood, refused = [], 0
for i in range(N):
    sk = socket.socket()
    sk.settimeout(5)
    try:
        sk.bind(("127.0.0.2", 0))
        sk.connect((HOST, PORT))
        sk.sendall(b"GET /buyer/login HTTP/1.1\r\nHost: desk\r\nUser-Agent: slow")
        flood.append(sk)
    except OSError:
        refused += 1
        sk.close()
try:
    # A bound, not a measurement: a desk that answers only once the
    # server's timeouts have dropped the flood (10-40 s) is unreachable.
    s1, body1 = get("/buyer/login", timeout=8)
    s2, body2 = get("/static/desk.css", timeout=8)
    s3, body3 = get("/seller/login", timeout=8)
finally:
    for sk in flood:
        sk.close()
check(s1 == 200 and "Login name" in body1 and s2 == 200 and s3 == 200,
      f"{SERVER}: with one client holding {N} slow connections ({len(flood)} opened, {refused} refused), "
      "another client still gets the buyer's and seller's login pages and a static file",
      f"{s1} {s2} {s3} {body1[:200]}")

# --- 2. A killed program ---------------------------------------------------
before = program_pids("buyer.fcgi")
for pid in before:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
seen = []


def served():
    s, body = get("/buyer/login")
    seen.append(s)
    return s == 200 and "Login name" in body


ok = until(served)
bad = [s for s in seen if s != 200 and s not in KILLED]
check(before and ok and not bad,
      f"{SERVER}: after SIGKILL to every buyer.fcgi ({len(before)}), the desk serves again; "
      f"meanwhile only 200 or {KILLED}", f"answers {seen}")
if SERVER != "apache-fcgid":
    after = until(lambda: len(program_pids("buyer.fcgi")) >= len(before) and program_pids("buyer.fcgi"))
    check(after and not set(after) & set(before),
          f"{SERVER}: the killed processes were replaced ({len(after or [])} new)", f"{before} -> {after}")

# --- 3. A program that refuses to start -------------------------------------
conf = f"{VAR}/refund-desk.conf"
with open(conf, encoding="utf-8") as f:
    good = f.read()
st = os.stat(conf)
bad_text = good + "this_key_does_not_exist = 1\n"
with open(conf + ".new", "w", encoding="utf-8") as f:
    f.write(bad_text)
os.chown(conf + ".new", st.st_uid, st.st_gid)
os.chmod(conf + ".new", st.st_mode & 0o7777)
os.replace(conf + ".new", conf)
try:
    for pid in program_pids("buyer.fcgi"):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    last = {}

    def logs():
        text = ""
        for name in os.listdir(f"{VAR}/log"):
            with open(f"{VAR}/log/{name}", encoding="utf-8", errors="replace") as f:
                text += f.read()
        return text
    # A program must have tried to start with the wrong file and said why.
    logged = until(lambda: "unknown key 'this_key_does_not_exist'" in logs() and get("/buyer/login") and True)
    line = [l for l in logs().splitlines() if "this_key_does_not_exist" in l]
    check(logged and line and conf in line[0],
          f"{SERVER}: the program's refusal is one line naming the file and the key", (line or ["no line"])[0])

    def refused():
        s, body = get("/buyer/login")
        last["s"], last["body"] = s, body
        return s in UNAVAILABLE and PAGE_503 in body
    ok = until(refused)
    check(ok, f"{SERVER}: a program that refuses to start (wrong configuration) gives {UNAVAILABLE} with static/503.html",
          f"{last.get('s')} {last.get('body', '')[:300]}")
finally:
    with open(conf + ".new", "w", encoding="utf-8") as f:
        f.write(good)
    os.chown(conf + ".new", st.st_uid, st.st_gid)
    os.chmod(conf + ".new", st.st_mode & 0o7777)
    os.replace(conf + ".new", conf)
seen.clear()
ok = until(served, tries=300)
check(ok, f"{SERVER}: with the configuration right again, the desk serves again without touching the server",
      f"answers {seen[-10:]}")


def fcgi_get(path):
    """The CGI variables of a GET of path, sent straight to a program."""
    return {"REQUEST_METHOD": "GET", "REQUEST_URI": path, "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}


if SERVER == "lighttpd":
    tmp = tempfile.mkdtemp(prefix="fcgi-close-")
    path = os.path.join(tmp, "buyer.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    # One process on the socket as its stdin, as lighttpd and spawn-fcgi start it.
    prog = subprocess.Popen([f"{BUILD}/cgi-bin/buyer.fcgi"], stdin=listener.fileno(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, REFUND_DESK_CONF=f"{VAR}/refund-desk.conf"))
    listener.close()
    try:
        first = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        first.settimeout(20)
        first.connect(path)
        deskhttp.fcgi_request(first, fcgi_get("/buyer/login"))
        one = deskhttp.fcgi_answer(first)
        # The first connection stays open while the second asks.
        second = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        second.settimeout(20)
        second.connect(path)
        t0 = time.monotonic()
        deskhttp.fcgi_request(second, fcgi_get("/buyer/login"))
        two = deskhttp.fcgi_answer(second)
        took = time.monotonic() - t0
        closed = first.recv(1) == b""
        check(one is not None and b"Login name" in one and two is not None and b"Login name" in two
              and took < 1.0 and closed,
              "one program process answers a second connection while the server still holds the first "
              "open, having closed the first itself",
              f"first {one is not None}, second {two is not None} after {took:.2f} s, first closed {closed}")
        first.close()
        second.close()
    finally:
        prog.kill()
        prog.wait()
        os.unlink(path)
        os.rmdir(tmp)

deskhttp.print_results(results)
