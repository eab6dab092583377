#!/usr/bin/env python3
"""tests/http/http_test.py: HTTP behaviour of the three programs through lighttpd.

Run by tests/http/http.test with the base URL and the run-time folder of a
server started on a seeded private database. Prints TAP.
"""
import http.client
import os
import re
import subprocess
import sys
import urllib.parse

import deskhttp  # noqa: E402

BASE = sys.argv[1]
HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}

results = []
responses = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


class Browser(deskhttp.Browser):
    """A client of the server under test; every answer is kept for the header checks."""

    def __init__(self, language=None):
        super().__init__(BASE, language, lambda m, p, r: responses.append((m, p, r)))


def multipart(fields, files, boundary="----deskTestBoundary7MA4YWxk"):
    out = []
    for name, value in fields:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, data in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


# --- Anonymous access and the login page ---------------------------------
anon = Browser()
r = anon.get("/buyer/")
check(r.status == 303 and r.header("location") == "/buyer/login", "anonymous /buyer/ redirects to the login page",
      f"{r.status} {r.header('location')}")
pre = [c for c in r.cookies() if c.startswith("rd_pre=")]
r = anon.get("/buyer/login")
check(r.status == 200 and 'name="csrf"' in r.text and 'name="password"' in r.text, "login page has a form with a CSRF token")
check(pre and "HttpOnly" in pre[0] and "SameSite=Lax" in pre[0], "pre-login CSRF cookie is HttpOnly and SameSite", str(pre))

# --- CSRF ------------------------------------------------------------------
r = anon.post("/buyer/login", {"login": "buyer1", "password": "demo"})
check(r.status == 403 and "nothing was done" in r.text, "login POST without a CSRF token is 403", str(r.status))
r = anon.post("/buyer/login", {"csrf": "x" * 43, "login": "buyer1", "password": "demo"})
check(r.status == 403, "login POST with a wrong CSRF token is 403", str(r.status))
r = Browser().post("/buyer/login", {"csrf": anon.csrf("/buyer/login"), "login": "buyer1", "password": "demo"})
check(r.status == 403, "a CSRF token without its cookie is 403", str(r.status))

# --- Wrong input -------------------------------------------------------------
token = anon.csrf("/buyer/login")
r = anon.post("/buyer/login", {"csrf": token, "login": "buyer1", "password": ""})
check(r.status == 422 and "Enter your password." in r.text and 'value="buyer1"' in r.text,
      "empty password: 422, message next to the field, login kept", str(r.status))
r = anon.post("/buyer/login", {"csrf": token, "login": "buyer1", "password": "wrong"})
check(r.status == 403 and "wrong" in r.text and 'value="buyer1"' in r.text and "rd_sid" not in anon.cookie_header("/buyer/"),
      "wrong password: 403 with a clear message, no session", str(r.status))
r = anon.post("/buyer/login", {"csrf": token, "login": "nobody-here", "password": "demo"})
check(r.status == 403 and "The login name or the password is wrong" in r.text, "unknown login: the same message as a wrong password")
r = anon.post("/buyer/login", {"csrf": token, "login": "<script>alert(1)</script>", "password": "x"})
check("<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text, "typed input is escaped when shown again")

# --- Lockout (tests/http/http.test sets 5 failures) --------------------------
lock = Browser()
t = lock.csrf("/buyer/login")
for i in range(5):
    lock.post("/buyer/login", {"csrf": t, "login": "buyer9", "password": "bad%d" % i})
r = lock.post("/buyer/login", {"csrf": t, "login": "buyer9", "password": "demo"})
check(r.status == 429 and "Too many failed attempts" in r.text and r.header("retry-after"),
      "after too many failures the right password is refused with 429 and Retry-After", str(r.status))

# --- Buyer signs in ------------------------------------------------------------
buyer = Browser()
before = buyer.csrf("/buyer/login")
r = buyer.post("/buyer/login", {"csrf": before, "login": "buyer1", "password": "demo"})
sid = [c for c in r.cookies() if c.startswith("rd_sid=")]
check(r.status == 303 and r.header("location") == "/buyer/", "buyer login answers 303 to the orders page", str(r.status))
check(sid and "HttpOnly" in sid[0] and "SameSite=Lax" in sid[0] and "Path=/buyer/" in sid[0] and "Secure" not in sid[0],
      "session cookie: HttpOnly, SameSite=Lax, Path, no Secure over plain HTTP", str(sid))
buyer_sid = buyer.jar.get(("/buyer/", "rd_sid"), "")
check(len(buyer_sid) == 43 and buyer_sid != before, "the session id is new, 256 random bits")
r = buyer.get("/buyer/")
check(r.status == 200 and "My orders" in r.text and "buyer1" in r.text and "Order <b>TB" in r.text,
      "buyer sees their orders", str(r.status))
cache = [v for k, v in r.headers if k == "cache-control"]
check(cache == ["no-store"], "authenticated page is not cached: one Cache-Control, no-store", str(cache))
r = buyer.get("/buyer/?after=99991231235959.999999999")
check(r.status == 200 and "Order <b>TB" in r.text and "First page" in r.text,
      "a later page of orders (keyset cursor) links back to the first page")
r = buyer.get("/buyer/?after=x'%20OR%201=1")
check(r.status == 200 and "Order <b>TB" in r.text and "First page" not in r.text,
      "a malformed orders cursor shows the first page")
r = buyer.get("/buyer/policy")
check(r.status == 200 and "Version 1" in r.text and "七天无理由" in r.text, "buyer reads the published policy")
r = anon.get("/buyer/policy")
check(r.status == 200 and "Version 1" in r.text, "the policy is public")

# Another session id on a second login; the old one keeps working until logout.
second = Browser()
second.login("/buyer/", "buyer1")
check(second.jar.get(("/buyer/", "rd_sid")) not in ("", None, buyer_sid), "each login gets its own session id")

# --- Roles -------------------------------------------------------------------
r = buyer.get("/seller/", raw_cookie="rd_sid=" + buyer_sid)
check(r.status == 403, "a buyer's session cookie at /seller/ is 403", str(r.status))
r = buyer.get("/admin/", raw_cookie="rd_sid=" + buyer_sid)
check(r.status == 403, "a buyer's session cookie at /admin/ is 403", str(r.status))
r = buyer.request("POST", "/admin/logout", raw_cookie="rd_sid=" + buyer_sid)
check(r.status in (403, 400), "a buyer's cookie cannot POST to /admin/ without a token", str(r.status))

seller = Browser()
r = seller.login("/buyer/", "seller1")
check(r.status == 403 and "seller account" in r.text, "a seller signing in at /buyer/ is told to use /seller/")
r = seller.login("/seller/", "seller1")
check(r.status == 303, "seller signs in at /seller/", str(r.status))
r = seller.get("/seller/")
check(r.status == 200 and "Case queue" in r.text and "Lotus Apparel" in r.text, "seller sees the (empty) queue of their shop")
check('href="/seller/policy"' in r.text and 'href="/buyer/policy"' not in r.text, "the seller desk links to its own policy page")
r = seller.get("/seller/policy")
check(r.status == 200 and "Version 1" in r.text, "the seller reads the published policy on the seller desk")

admin = Browser()
r = admin.login("/admin/", "admin")
r = admin.get("/admin/")
check(r.status == 200 and "Published return policy" in r.text and "Version 1" in r.text, "admin sees the published policy")
check('href="/admin/policy"' in r.text and 'href="/buyer/policy"' not in r.text, "the admin desk links to its own policy page")

# --- next= after login -------------------------------------------------------
nb = Browser()
r = nb.get("/buyer/policy")
t = nb.csrf("/buyer/login?next=policy")
r = nb.post("/buyer/login", {"csrf": t, "login": "buyer2", "password": "demo", "next": "policy"})
check(r.header("location") == "/buyer/policy", "login returns to next", str(r.header("location")))
nb2 = Browser()
t = nb2.csrf("/buyer/login")
r = nb2.post("/buyer/login", {"csrf": t, "login": "buyer2", "password": "demo", "next": "//evil.example/x"})
check(r.header("location") == "/buyer/", "an off-site next is ignored", str(r.header("location")))

# --- Expired or forged session -----------------------------------------------
r = anon.get("/buyer/", raw_cookie="rd_sid=" + "A" * 43)
check(r.status == 303 and any(c.startswith("rd_sid=;") and "Max-Age=0" in c for c in r.cookies()),
      "an unknown session id redirects to login and clears the cookie", str(r.cookies()))

# --- 404 / 405 ---------------------------------------------------------------
r = buyer.get("/buyer/no-such-page")
check(r.status == 404 and "Page not found" in r.text, "unknown page is 404", str(r.status))
r = buyer.request("DELETE", "/buyer/")
check(r.status == 405 and r.header("allow"), "DELETE is 405 with Allow", str(r.status))
r = buyer.post("/buyer/policy", {"csrf": "x"})
check(r.status == 405, "POST to a GET page is 405", str(r.status))
r = buyer.request("HEAD", "/buyer/policy")
check(r.status == 200 and r.body == b"", "HEAD answers headers only", str(r.status))
r = anon.get("/buyer")
# Apache makes a redirect's Location absolute (on the same host).
check(r.status == 303 and r.header("location") in ("/buyer/", BASE + "/buyer/"), "/buyer redirects to /buyer/",
      f"{r.status} {r.header('location')}")

# --- Bodies: oversized, malformed, too many files -----------------------------
up = Browser()
t = up.csrf("/buyer/login")
body, ctype = multipart([("csrf", t), ("login", "buyer1"), ("password", "demo")], [("photo", "big.jpg", b"\xff" * (1100 * 1024))])
r = up.request("POST", "/buyer/login", body=body, headers={"Content-Type": ctype})
check(r.status == 413 and "larger than" in r.text, "a body over max_body_bytes is 413 with a clear message", str(r.status))
r = up.get("/buyer/login")
check(r.status == 200, "the program keeps serving after an oversized body", str(r.status))
body, ctype = multipart([("csrf", t), ("login", "buyer1")], [])
body = body[: len(body) - 30]
r = up.request("POST", "/buyer/login", body=body, headers={"Content-Type": ctype})
check(r.status == 400 and "The upload was cut off or malformed; please try again." in r.text,
      "a malformed multipart body is 400 with a clear message", str(r.status))
body, ctype = multipart([("csrf", t)], [("p", "a%d.jpg" % i, b"\xff\xd8\xff" + b"x" * 10) for i in range(9)])
r = up.request("POST", "/buyer/login", body=body, headers={"Content-Type": ctype})
check(r.status == 413 and "Too many files" in r.text, "too many files is 413 with a clear message", str(r.status))
r = up.request("POST", "/buyer/login", body=b"csrf=" + t.encode(), headers={"Content-Type": "text/plain"})
check(r.status == 400, "a POST that is not a form is 400", str(r.status))
body, ctype = multipart([("csrf", t), ("login", "buyer1"), ("password", "demo")], [])
r = up.request("POST", "/buyer/login", body=body, headers={"Content-Type": ctype})
check(r.status == 303, "a well-formed multipart login works", str(r.status))
r = up.get("/buyer/login")
check(r.status in (200, 303), "still serving after the malformed bodies", str(r.status))

# --- Logout --------------------------------------------------------------------
r = buyer.post("/buyer/logout", {})
check(r.status == 403, "logout without a CSRF token is 403", str(r.status))
t = re.search(r'name="csrf" value="([^"]+)"', buyer.get("/buyer/").text).group(1)
r = buyer.post("/buyer/logout", {"csrf": t})
check(r.status == 303 and r.header("location") == "/buyer/login", "logout answers 303 to the login page")
r = buyer.get("/buyer/login")
check("You have signed out." in r.text, "the login page says the user signed out")
r = buyer.get("/buyer/", raw_cookie="rd_sid=" + buyer_sid)
check(r.status == 303, "the old session id no longer works after logout", str(r.status))

# --- The database goes away and comes back (tests/http/http_faults.py) ----------
VAR = sys.argv[2]
SRC = __import__("os").environ["DESK_SRCDIR"]
import http_faults  # noqa: E402
http_faults.run({"check": check, "Browser": Browser, "VAR": VAR})

# --- Cases through the live programs (tests/http/http_cases.py) ----------------
import http_cases  # noqa: E402
http_cases.run({"check": check, "Browser": Browser, "VAR": VAR})
import http_buyer  # noqa: E402
http_buyer.run({"check": check, "Browser": Browser, "VAR": VAR})

rec = subprocess.run([os.environ["DESK_BUILDDIR"] + "/tools/deskctl", "reconcile"], capture_output=True, text=True)
check(rec.returncode == 0, "after all of it the ledger reconciles (deskctl reconcile)", rec.stdout[-400:])

__import__("http_seller").run({"check": check, "Browser": Browser, "VAR": VAR})  # the seller desk (tests/http/http_seller.py)
__import__("http_seller2").run({"check": check, "Browser": Browser, "VAR": VAR})  # statistics, case review, races
__import__("http_talk").run({"check": check, "Browser": Browser, "VAR": VAR})  # notes, unread, staff (http_talk.py)
# --- A GET writes nothing but sessions.last_seen_at (tests/http/http_getsafe.py) ------
import http_getsafe  # noqa: E402
http_getsafe.run({"check": check, "Browser": Browser, "VAR": VAR})
http_getsafe.run_talk({"check": check, "Browser": Browser, "VAR": VAR})  # the conversation's pages

# --- Both languages ----------------------------------------------------------------
import importlib.machinery  # noqa: E402
extract = importlib.machinery.SourceFileLoader("i18n_extract", SRC + "/tools/i18n-extract").load_module()
zh = extract.catalogue()


def T(msgid):
    return zh.get(msgid) or msgid


cn = Browser(language="zh-CN,zh;q=0.9,en;q=0.5")
r = cn.get("/buyer/login")
check('<html lang="zh-CN">' in r.text and T("Login name") in r.text and T("Login name") != "Login name",
      "Accept-Language: zh-CN gives the login page in Chinese")
cn.login("/buyer/", "buyer1")
r = cn.get("/buyer/")
check(r.status == 200 and T("My orders") in r.text and "年" in r.text and "¥" in r.text,
      "the orders page is in Chinese, with dates and amounts written for Chinese readers")
cases = re.findall(r"/buyer/case/(\d+)", cn.get("/buyer/cases").text)
r = cn.get(f"/buyer/case/{cases[0]}") if cases else r
check(cases and T("Timeline") in r.text and T("Return shipping paid by") in r.text,
      "a case page is in Chinese")
r = cn.get("/buyer/policy")
check(T("Return policy") in r.text and "七天无理由" in r.text, "the policy page is in Chinese, with the policy's Chinese text")
check(re.search(re.escape(T("%d days after delivery")).replace("%d", r"\d+"), r.text)
      and re.search(re.escape(T("Version %d")).replace("%d", "1"), r.text),
      "the policy's sentences are whole Chinese sentences with their numbers in place")
r = cn.get("/buyer/lang?to=en&back=cases")
lang = [c for c in r.cookies() if c.startswith("rd_lang=en")]
check(r.status == 303 and r.header("location") == "/buyer/cases" and lang and "Path=/;" in lang[0],
      "the footer's switch remembers English for the whole site", str(r.cookies()))
r = cn.get("/buyer/cases")
check("My cases" in r.text and '<html lang="en">' in r.text, "after the switch the pages are in English despite Accept-Language")
r = cn.get("/buyer/lang?to=zh-CN&back=//evil.example")
check(r.header("location") == "/buyer/" and T("My orders") in cn.get("/buyer/").text,
      "switching back to Chinese works; an off-site back is ignored")
r = cn.post("/buyer/logout", {})
check(r.status == 403 and T("This form has expired") in r.text, "error pages are translated too")

# --- Security headers on every response -----------------------------------------
missing = []
# Photos have their own header set (checked in http_cases.uploads).
pages_only = [(m, p, r) for m, p, r in responses if "/evidence/" not in p]
for method, path, resp in pages_only:
    for name, needle in SECURITY_HEADERS.items():
        v = resp.header(name)
        if v is None or needle not in v:
            missing.append(f"{method} {path} {resp.status}: {name}")
    ct = resp.header("content-type") or ""
    if resp.body and "charset=utf-8" not in ct:
        missing.append(f"{method} {path}: content-type {ct}")
inline = [f"{m} {p}" for m, p, resp in pages_only if p.startswith(("/buyer/", "/seller/", "/admin/"))
          and "'unsafe-inline'" in (resp.header("content-security-policy") or "")]
check(not inline, "no page allows inline script or style", "; ".join(inline[:3]))
check(not missing, f"all {len(responses)} responses carry the security headers and a charset", "; ".join(missing[:5]))

# --- HTML validity (tidy) ---------------------------------------------------------
pages = {}
for method, path, resp in responses:
    # (A redirect's body is the server's note for clients that do not follow
    # it: nginx's has no doctype. Pages only.)
    if method == "GET" and "text/html" in (resp.header("content-type") or "") and resp.body \
            and not 300 <= resp.status < 400:
        lang = re.search(rb'<html lang="([^"]+)"', resp.body)
        pages.setdefault((path.split("?")[0], resp.status, lang.group(1) if lang else b""), resp.body)
bad = []
for (path, status, lang), html in pages.items():
    p = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "yes", "-utf8"], input=html, capture_output=True)
    # This tidy predates aria-current, autocapitalize and inputmode (in HTML
    # Living Standard); every other warning counts.
    errs = [l for l in p.stderr.decode().splitlines()
            if l.strip() and 'proprietary attribute "aria-current"' not in l
            and 'proprietary attribute "autocapitalize"' not in l
            and 'proprietary attribute "inputmode"' not in l]
    if errs:
        bad.append(f"{path} ({status}): {errs[0]}")
check(not bad and len(pages) >= 5, f"{len(pages)} distinct pages are valid HTML (tidy)", "; ".join(bad[:5]))

deskhttp.print_results(results)
