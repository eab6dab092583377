#!/usr/bin/env python3
"""tests/http/http_signin.py: sign-in under attack (issue 13) through lighttpd and the real programs.

Run by tests/http/signin.test (3 free failures per login name, 6 per client address, the proxy
127.0.0.1 trusted for X-Forwarded-For, 2 password-hash slots). Clients come from different
loopback addresses (127.0.0.x) so that REMOTE_ADDR differs; the programs' clock is moved
through the clock-offset file, never slept on. Prints TAP.
"""
import fcntl
import http.client
import os
import re
import sys

import deskhttp

BASE, VAR = sys.argv[1], sys.argv[2]
results = []
offset = 0


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def move_clock(secs):
    """Moves the running programs' clock forward by secs."""
    global offset
    offset += secs
    with open(os.path.join(VAR, "clock-offset"), "w") as fh:
        fh.write(str(offset))


class Browser(deskhttp.Browser):
    """A client whose connections come from the loopback address addr."""

    def __init__(self, addr, headers=None):
        super().__init__(BASE)
        self.addr = addr
        self.extra = headers or {}

    def request(self, method, path, body=None, headers=None, raw_cookie=None):
        orig, addr = http.client.HTTPConnection, self.addr

        def conn(host, port, timeout):
            return orig(host, port, timeout=timeout, source_address=(addr, 0))
        http.client.HTTPConnection = conn
        try:
            return super().request(method, path, body, dict(self.extra, **(headers or {})), raw_cookie)
        finally:
            http.client.HTTPConnection = orig


def message(r):
    """The form's error words, with the typed login taken out."""
    m = re.search(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', r.text, re.S)
    return m.group(1).strip() if m else ""


def attempt(addr, login, password, prefix="/buyer/", headers=None):
    return Browser(addr, headers).login(prefix, login, password)


def shape(r):
    """What a response tells about an attempt: status, error words (numbers as N), Retry-After."""
    return (r.status, re.sub(r"\d+", "N", message(r)), r.header("retry-after"))


def alike(a, b):
    """Two shapes agree: the same status and words, a Retry-After apart by at most the second
    that may tick between two requests."""
    return a[:2] == b[:2] and (a[2] is None) == (b[2] is None) and (
        a[2] is None or abs(int(a[2]) - int(b[2])) <= 1)


# --- Unknown and known logins are answered alike -----------------------------
known, unknown = [], []
for i in range(4):
    known.append(shape(attempt(f"127.0.1.{i + 1}", "buyer4", "wrong")))
    unknown.append(shape(attempt(f"127.0.2.{i + 1}", "nobody-at-all", "wrong")))
check(known[0][0] == 403 and "wrong" in known[0][1] and known[0][2] is None, "a wrong password: 403, the usual words", str(known[0]))
check(all(alike(k, u) for k, u in zip(known, unknown)), "a known and an unknown login get the same statuses, words and Retry-After, try after try",
      f"{known} / {unknown}")
check(known[3][0] == 429 and known[3][2] and "Too many failed attempts" in known[3][1],
      "after 3 failures for one login, the next try (from a 4th address) is 429 with Retry-After", str(known[3]))
r = attempt("127.0.1.9", "buyer4", "demo")
check(r.status == 429, "while the delay runs even the right password waits (no password is checked)", str(r.status))
r = attempt("127.0.1.9", "buyer4", "demo", headers={"Accept-Language": "zh-CN"})
check(r.status == 429 and re.search(r"登录失败次数过多，请 \d+ 秒后再试。", message(r)),
      "in Chinese the words come from the compiled catalogue's plural entry", message(r))

# --- The delay per account grows, and runs out by itself -----------------------
first = int(known[3][2] or 0)
move_clock(first + 1)
r = attempt("127.0.1.10", "buyer4", "wrong")
check(r.status == 403, "once the delay has run, the next try is checked again", str(r.status))
r = attempt("127.0.1.11", "buyer4", "demo")
second = int(r.header("retry-after") or 0)
check(r.status == 429 and second > first, "one more failure: a longer delay (4 s, then 8 s)", f"{first} then {second}")
move_clock(second + 1)
r = attempt("127.0.1.11", "buyer4", "demo")
check(r.status == 303, "after the delay the right password signs in: no lockout", str(r.status))

# --- One client trying many accounts ------------------------------------------
statuses = [attempt("127.0.3.1", f"buyer{10 + i}", "wrong").status for i in range(6)]
check(statuses == [403] * 6, "6 failures from one address over 6 accounts are checked", str(statuses))
r = attempt("127.0.3.1", "buyer16", "wrong")
check(r.status == 429 and r.header("retry-after"), "the 7th, on yet another account, is refused: the address waits",
      str(r.status))
r = attempt("127.0.3.1", "seller2", "demo", "/seller/")
check(r.status == 429, "the address waits for every account, whichever password", str(r.status))
r = attempt("127.0.3.2", "seller2", "demo", "/seller/")
check(r.status == 303, "the same account from another address signs in", str(r.status))

# --- The admin cannot be locked out by anyone -----------------------------------
r = attempt("127.0.4.1", "admin", "demo", "/admin/")
check(r.status == 303, "the admin signs in from the office (127.0.4.1)", str(r.status))
waits = []
for i in range(11):
    r = attempt("127.0.5.1", "admin", f"guess{i}", "/admin/")
    if r.status == 429:
        waits.append(int(r.header("retry-after")))
        move_clock(waits[-1] + 1)
        r = attempt("127.0.5.1", "admin", f"guess{i}", "/admin/")
    check(r.status == 403, f"the attacker's guess {i + 1} on the admin is checked, after the delay it met",
          f"{r.status} {waits}")
r = attempt("127.0.5.1", "admin", "guess-more", "/admin/")
check(r.status == 429 and int(r.header("retry-after")) > 60,
      "the attacker's address now waits longer than a minute", f"{r.status} {r.header('retry-after')}")
r = attempt("127.0.4.1", "admin", "demo", "/admin/")
check(r.status == 303, "meanwhile the admin signs in from the office: others' failures do not hold a known address",
      str(r.status))
r = attempt("127.0.6.1", "admin", "demo", "/admin/")
check(r.status == 429, "from a new address the admin meets the account's delay", str(r.status))
move_clock(61)
r = attempt("127.0.6.1", "admin", "demo", "/admin/")
check(r.status == 303, "which is at most a minute: the admin signs in from anywhere", str(r.status))
r = attempt("127.0.5.1", "admin", "guess-more", "/admin/")
check(r.status == 429, "while the attacker's own address still waits", str(r.status))

# --- The real user from another address is not locked out ----------------------
r = attempt("127.0.7.1", "buyer5", "demo")
check(r.status == 303, "buyer5 signs in at home (127.0.7.1)", str(r.status))
for i in range(10):
    attempt(f"127.0.8.{i + 1}", "buyer5", f"guess{i}")
r = attempt("127.0.8.99", "buyer5", "demo")
check(r.status == 429, "ten addresses guessing buyer5: a new address waits", str(r.status))
r = attempt("127.0.7.1", "buyer5", "demo")
check(r.status == 303, "buyer5 at home is not held back", str(r.status))

# --- X-Forwarded-For only from the trusted proxy --------------------------------
xff = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}
for i in range(6):
    attempt("127.0.0.1", f"ghost{i}", "wrong", headers=xff)
r = attempt("127.0.0.1", "buyer6", "demo", headers=xff)
check(r.status == 429, "behind the trusted proxy the client is the last X-Forwarded-For address", str(r.status))
r = attempt("127.0.0.1", "buyer6", "demo", headers={"X-Forwarded-For": "198.51.100.8"})
check(r.status == 303, "another client behind the same proxy is not held back", str(r.status))
r = attempt("127.0.9.1", "buyer7", "demo", headers=xff)
check(r.status == 303, "from any other address the header is ignored", str(r.status))

# --- Bounded password hashes: 503 when every slot is held -----------------------
held = []
for i in range(2):
    fd = os.open(os.path.join(VAR, "run", f"hash-slot.{i}"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    held.append(fd)
r = attempt("127.0.10.1", "buyer8", "demo")
check(r.status == 503 and r.header("retry-after") == "1" and "Try again in a moment" in r.text,
      "every hash slot held: 503 with Retry-After at once, not a queue", f"{r.status} {r.header('retry-after')}")
for fd in held:
    os.close(fd)
r = attempt("127.0.10.1", "buyer8", "demo")
check(r.status == 303, "a slot free again: the sign-in goes through", str(r.status))

# --- Refusals are logged -------------------------------------------------------
logs = ""
for f in os.listdir(os.path.join(VAR, "log")):
    with open(os.path.join(VAR, "log", f), errors="replace") as fh:
        logs += fh.read()
check(re.search(r"sign-in for 'buyer4' from 127\.0\.1\.\d+ refused \(account throttle\)", logs)
      and "refused (address throttle)" in logs and "refused (busy throttle)" in logs,
      "every refusal is one log line naming the login, the address and the reason")

deskhttp.print_results(results)
