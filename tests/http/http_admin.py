#!/usr/bin/env python3
"""tests/http/http_admin.py: the platform's desk through the live programs.

Run by tests/http/admin.test with the base URL and the run-time folder of a
server started on a seeded private database of its own (publishing a policy
changes what every later request sees). Prints TAP.
"""
import html
import html.parser
import http.client
import os
import re
import subprocess
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_cases import open_request, orders_where  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-u", "root", "-N", "-B",
                           "refund_desk", "-e", q], capture_output=True, text=True, check=True).stdout.strip()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.text = status, headers, body.decode("utf-8", "replace")

    def header(self, name):
        return next((v for k, v in self.headers if k == name), None)


class Browser:
    def __init__(self):
        self.jar = {}

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        c = "; ".join(f"{n}={v}" for (p, n), v in self.jar.items() if path.startswith(p))
        if c:
            h["Cookie"] = c
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, [(k.lower(), v) for k, v in r.getheaders()], r.read())
        conn.close()
        for k, sc in resp.headers:
            if k != "set-cookie":
                continue
            name, _, rest = sc.partition("=")
            m = re.search(r"Path=([^;]+)", sc)
            p = m.group(1) if m else "/"
            if "Max-Age=0" in sc:
                self.jar.pop((p, name), None)
            else:
                self.jar[(p, name)] = rest.split(";")[0]
        return resp

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, body=urllib.parse.urlencode(fields),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, prefix, login, password="demo"):
        t = re.search(r'name="csrf" value="([^"]+)"', self.get(prefix + "login").text).group(1)
        return self.post(prefix + "login", {"csrf": t, "login": login, "password": password})


class FormReader(html.parser.HTMLParser):
    """The fields of the first form whose action ends with action, as a browser would send them."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select, self.area = action, False, {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").endswith(self.action) and not self.fields
        elif not self.inside:
            return
        elif tag == "input":
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:
                self.fields[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self.area = a["name"]
            self.fields[self.area] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea" and self.area:
            # As a browser: the newline after <textarea> is not content; line breaks are sent as CRLF.
            v = self.fields[self.area]
            self.fields[self.area] = (v[1:] if v.startswith("\n") else v).replace("\n", "\r\n")
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.area = None

    def handle_data(self, data):
        if self.area:
            self.fields[self.area] += data


def form_of(page, action):
    f = FormReader(action)
    f.feed(page)
    return f.fields


def kept(page, name, value):
    """Whether the editor shows value in field name (input kept)."""
    return re.search(r'name="%s" value="%s"' % (re.escape(name), re.escape(html.escape(value))), page) is not None


admin = Browser()
r = admin.login("/admin/", "admin")
check(r.status == 303, "the admin signs in", str(r.status))
check("policy/edit" in admin.get("/admin/").text and "refunds" in admin.get("/admin/").text,
      "the menu leads to the editor, the versions and the refund ledger")
v1 = sql("SELECT id FROM policies WHERE status = 'published'")
old_hours = int(sql(f"SELECT seller_response_hours FROM policies WHERE id = {v1}"))
r = admin.get("/admin/policy/edit")
f = form_of(r.text, "policy/edit")
check(r.status == 200 and f.get("seller_response_hours") == str(old_hours) and f.get("r0_code")
      and "Copied from version 1" in r.text,
      "the editor starts as a copy of the current version", f"{r.status} {sorted(f)[:6]}")
check(sql("SELECT COUNT(*) FROM policies WHERE status = 'draft'") == "0", "opening the editor writes nothing")
codes = [f[k] for k in sorted(f) if re.fullmatch(r"r\d+_code", k) and f[k]]
check(len(codes) >= 3, "every reason of the current version is on the form", str(codes))

# Mistakes, each refused next to its field with the input kept.
bad = dict(f, seller_response_hours="0", r0_label_en="", r1_window="0", text_zh="")
r = admin.post("/admin/policy/edit", bad)
check(r.status == 422 and kept(r.text, "seller_response_hours", "0")
      and "Enter a whole number of hours from 1 to 8760." in r.text
      and "Give the reason a label in English" in r.text
      and "Leave it empty for the policy&#39;s window, or enter 1 to 365 days." in r.text.replace("&#x27;", "&#39;")
      and "Write the buyers&#39; text in Chinese" in r.text.replace("&#x27;", "&#39;"),
      "a deadline of 0 hours, a reason without a label, a window of 0 days and an empty text are refused",
      f"{r.status} {re.findall(r'field-error[^>]*>([^<]*)', r.text)}")
check(r.text.count('aria-invalid="true"') == 4 and 'id="seller_response_hours-error"' in r.text,
      "exactly the four bad fields are marked invalid, each pointing to its message",
      str(r.text.count('aria-invalid="true"')))
check(kept(r.text, "r0_code", f["r0_code"]) and kept(r.text, "return_window_days", f["return_window_days"])
      and kept(r.text, "r1_window", "0"), "every other value is kept as typed")
r = admin.post("/admin/policy/edit", dict(f, r1_code=f["r0_code"]))
check(r.status == 422 and "Another reason already has this code" in r.text and kept(r.text, "r1_code", f["r0_code"]),
      "two reasons with one code are refused next to the second, input kept", str(r.status))
r = admin.post("/admin/policy/edit", dict(f, r0_code="Bad Code!", fast_track_max="12.345"))
check(r.status == 422 and "Use 1 to 32 lower-case letters" in r.text and "such as 50 or 49.90" in r.text
      and kept(r.text, "r0_code", "Bad Code!"), "a malformed code and amount are refused, input kept", str(r.status))
n = int(f["reasons"]) - 1
r = admin.post("/admin/policy/edit", dict(f, **{f"r{n}_code": "too_late", f"r{n}_label_en": "Too late",
                                                 f"r{n}_label_zh": "太晚了", f"r{n}_payer": "buyer",
                                                 f"r{n}_needs": "any"}))
check(r.status == 422 and "Allow the reason for at least one kind of request." in r.text
      and kept(r.text, f"r{n}_label_zh", "太晚了"), "a new reason that allows no kind of request is refused, kept",
      str(r.status))
check(sql("SELECT COUNT(*) FROM policies WHERE status = 'draft'") == "0", "no refused form left a draft")

# A sound draft: longer seller deadline, fast refund off, a reason renamed, one added, one removed.
new_hours = old_hours + 52
good = dict(f, seller_response_hours=str(new_hours), r0_label_en=f["r0_label_en"] + " (updated)")
good.pop("fast_track_enabled", None)
good["r2_remove"] = "1"
removed = f["r2_code"]
good.update({f"r{n}_code": "late_delivery", f"r{n}_label_en": "Arrived too late", f"r{n}_label_zh": "到货太晚",
             f"r{n}_refund_only": "1", f"r{n}_payer": "seller", f"r{n}_needs": "received", f"r{n}_window": "30"})
r = admin.post("/admin/policy/edit", good)
check(r.status == 303 and r.header("location") == "/admin/policy/draft", "a sound form is saved as a draft",
      f"{r.status} {r.header('location')}")
check(sql("SELECT status FROM policies WHERE id = " + v1) == "published",
      "saving a draft changes nothing for buyers and sellers")
r = admin.get("/admin/policy/draft")
open_cases = sql("SELECT COUNT(*) FROM cases WHERE state NOT IN ('refunded', 'exchanged', 'closed')")
rows = re.findall(r'<td data-label="Rule">([^<]*)</td>\s*<td data-label="Before">([^<]*)</td>\s*'
                  r'<td data-label="After publishing">([^<]*)</td>', r.text)
check(r.status == 200 and ("Seller answers within (hours)", str(old_hours), str(new_hours)) in rows
      and ("Fast refund", "on", "off") in rows
      and any(a.startswith("Reason “Arrived too late”: Reason added") for a, b, c in rows)
      and any("Reason removed" in a and b == removed for a, b, c in rows)
      and any(a.endswith("Label (English)") and c == f["r0_label_en"] + " (updated)" for a, b, c in rows),
      "the confirmation says what changes, field by field and reason by reason", str(rows))
check(len(rows) == 5, "and nothing else", str(rows))
check(f"{open_cases} open cases stay on the version they were opened under" in r.text,
      "the confirmation says how many open cases stay on their old version", open_cases)
en = r.text.split('<div class="preview" lang="en">')[-1].split('<div class="preview" lang="zh-CN">')[0]
zh = r.text.split('<div class="preview" lang="zh-CN">')[-1]
check("Arrived too late" in en and "Version 2" in en and f"{new_hours} hours" in en
      and "到货太晚" in zh and str(new_hours) in zh and "Arrived too late" not in zh.replace("Arrived too late</span>", ""),
      "the preview shows the buyers' page as it will look, in English and in Chinese", en[:1500] + zh[:1500])
check(sql("SELECT status FROM policies WHERE id = " + v1) == "published", "previewing publishes nothing")
csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
draft = re.search(r'name="draft" value="(\d+)"', r.text).group(1)
r = admin.post("/admin/policy/publish", {"csrf": csrf, "draft": draft, "note": ""})
check(r.status == 422 and "what changed and why" in r.text, "publishing without a note is refused", str(r.status))

# A case opened under version 1, waiting for the seller.
case1 = sql(f"SELECT id FROM cases WHERE policy_id = {v1} AND state = 'requested' ORDER BY id LIMIT 1")
before = sql(f"SELECT policy_id, deadline_at FROM cases WHERE id = {case1}")

# Two admins publish at once: one wins, the other is told and sees the new version.
subprocess.run([os.environ["DESK_BUILDDIR"] + "/tools/deskctl", "user", "add", "admin", "admin2", "Second Admin"],
               input="demo-pass-2\n", text=True, check=True, capture_output=True)
admin2 = Browser()
admin2.login("/admin/", "admin2", "demo-pass-2")
f2 = form_of(admin2.get("/admin/policy/edit").text, "policy/edit")
r = admin2.post("/admin/policy/edit", dict(f2, buyer_response_hours=str(int(f2["buyer_response_hours"]) + 1)))
page2 = admin2.get("/admin/policy/draft").text
csrf2 = re.search(r'name="csrf" value="([^"]+)"', page2).group(1)
draft2 = re.search(r'name="draft" value="(\d+)"', page2).group(1)
answers = {}


def publish(name, b, fields):
    answers[name] = b.post("/admin/policy/publish", fields)


ts = [threading.Thread(target=publish, args=("admin", admin, {"csrf": csrf, "draft": draft, "note": "Longer seller deadline"})),
      threading.Thread(target=publish, args=("admin2", admin2, {"csrf": csrf2, "draft": draft2, "note": "Buyers get an hour more"}))]
for t in ts:
    t.start()
for t in ts:
    t.join()
won = [k for k, a in answers.items() if a.status == 303]
lost = [k for k, a in answers.items() if a.status == 409]
check(len(won) == 1 and len(lost) == 1, "two admins publishing at once: one wins, the other gets 409",
      str({k: a.status for k, a in answers.items()}))
check(sql("SELECT COUNT(*) FROM policies WHERE status = 'published'") == "1"
      and sql("SELECT MAX(version) FROM policies") == "2", "exactly one version 2 is published")
if won and lost:
    w, lo = answers[won[0]], answers[lost[0]]
    check(w.header("location") == "/admin/versions?published=2", "the winner is sent to the versions", w.header("location"))
    check("Another admin published a new version while you were reviewing" in lo.text
          and "What changes against version 2" in lo.text,
          "the other is told, and the draft is now compared with the new version")
    check(sql("SELECT published_by FROM policies WHERE version = 2") ==
          sql(f"SELECT id FROM users WHERE login = '{won[0]}'"), "the version records who published it")
    check(sql("SELECT COUNT(*) FROM admin_audit WHERE action = 'policy_publish' AND remote_addr = '127.0.0.1'") == "1",
          "the publication is in the audit list with the address it came from")
# Make sure admin's version is the one published, for what follows.
if won != ["admin"]:
    page = admin.get("/admin/policy/draft").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = admin.post("/admin/policy/publish", {"csrf": csrf, "draft": draft, "note": "Longer seller deadline"})
    check(r.status == 303, "the loser publishes again after review", str(r.status))
cur = sql("SELECT id FROM policies WHERE status = 'published'")
check(int(sql(f"SELECT seller_response_hours FROM policies WHERE id = {cur}")) == new_hours,
      "the published version has the new deadline")

# Old cases keep version 1; new ones follow the new version.
check(case1 and sql(f"SELECT policy_id, deadline_at FROM cases WHERE id = {case1}") == before,
      "a case opened under version 1 keeps version 1 and its deadline after the new version", before)
check(sql(f"SELECT status FROM policies WHERE id = {v1}") == "retired"
      and admin.get("/admin/policy?version=1").status == 200, "version 1 is retired and still readable")
buyer = Browser()
buyer.login("/buyer/", "buyer12")
orders = orders_where(buyer, "Not shipped yet")
if orders:
    fields = open_request(buyer, orders[0], "refund_only", "no", "changed_mind_unshipped")
    r = buyer.post("/buyer/case/new", fields)
    new_case = (r.header("location") or "").rsplit("/", 1)[-1]
    got = sql(f"SELECT policy_id, TIMESTAMPDIFF(HOUR, created_at, deadline_at), state FROM cases WHERE id = {new_case}"
              ) if new_case.isdigit() else ""
    check(got == f"{cur}\t{new_hours}\trequested",
          "a case opened now follows the new version: its deadline, and no fast refund", f"{r.status} {got}")
else:
    check(False, "buyer12 has an unshipped order to open a case on")
r = buyer.get("/buyer/policy")
check("Version 2" in r.text and "Arrived too late" in r.text and f"{new_hours} hours" in r.text,
      "the buyers' policy page shows the new version")

# Versions: who, when, note; a diff between any two.
r = admin.get("/admin/versions")
check(r.status == 200 and "Version 2 is published" not in r.text and "Longer seller deadline" in r.text
      and ">admin<" in r.text, "the versions list who published each version and why")
r = admin.get("/admin/versions?from=1&to=2")
check(r.status == 200 and "From version 1 to version 2" in r.text and "Seller answers within (hours)" in r.text,
      "a diff between two versions", str(r.status))
r = admin.get("/admin/versions?from=2&to=2")
check(r.status == 200 and "The two versions are the same." in r.text, "a version compared with itself is the same")
r = admin.get("/admin/versions?from=1&to=9")
check(r.status == 404, "an unknown version is 404", str(r.status))
r = admin.get("/admin/policy/draft")
check(r.status == 200 and "You have no draft" in r.text, "after publishing the admin has no draft")

print(f"1..{len(results)}")
for i, (ok, name, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        print("# " + detail.replace("\n", "\n# "))
print(f"{sum(1 for ok, _, _ in results if ok)} passed, {sum(1 for ok, _, _ in results if not ok)} failed")
