#!/usr/bin/env python3
"""tests/http/http_admin.py: the platform's desk through the live programs.

Run by tests/http/admin.test with the base URL and the run-time folder of a
server started on a seeded private database of its own (publishing a policy
changes what every later request sees). Prints TAP.
"""
import html
import http.client
import os
import re
import subprocess
import sys
import threading
import urllib.parse

import deskhttp  # noqa: E402
from deskhttp import FormReader, form_of  # noqa: E402,F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_cases import copied_case_columns, form_fields, open_request, orders_where  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return deskhttp.sql(VAR, q).strip()


class Browser(deskhttp.Browser):
    """A client of the server under test."""

    def __init__(self):
        super().__init__(BASE)


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
cur_v = sql("SELECT version FROM policies WHERE status = 'published'")
check(int(sql(f"SELECT seller_response_hours FROM policies WHERE id = {cur}")) == new_hours,
      "the published version has the new deadline")
kept_from = sql(f"SELECT COUNT(*), SUM(n.window_from = o.window_from), SUM(n.window_from <> 'delivery') "
               f"FROM policy_reasons n JOIN policy_reasons o ON o.code = n.code AND o.policy_id = {v1} "
               f"WHERE n.policy_id = {cur}").split()
check(len(kept_from) == 3 and kept_from[0] == kept_from[1] and int(kept_from[2]) >= 2,
      "each reason keeps from when its window counts through the editor (lost parcels stay refundable)",
      str(kept_from))

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
check(f"Version {cur_v}" in r.text and "Arrived too late" in r.text and f"{new_hours} hours" in r.text,
      "the buyers' policy page shows the new version")

# Versions: who, when, note; a diff between any two.
r = admin.get("/admin/versions")
check(r.status == 200 and "Version 2 is published" not in r.text and "Longer seller deadline" in r.text
      and ">admin<" in r.text, "the versions list who published each version and why")
r = admin.get(f"/admin/versions?from=1&to={cur_v}")
check(r.status == 200 and f"From version 1 to version {cur_v}" in r.text and "Seller answers within (hours)" in r.text,
      "a diff between two versions", str(r.status))
r = admin.get(f"/admin/versions?from={cur_v}&to={cur_v}")
check(r.status == 200 and "The two versions are the same." in r.text, "a version compared with itself is the same")
r = admin.get("/admin/versions?from=1&to=9")
check(r.status == 404, "an unknown version is 404", str(r.status))
r = admin.get("/admin/policy/draft")
check(r.status == 200 and "You have no draft" in r.text, "after publishing the admin has no draft")

# --- The refund ledger: a failed refund retried with the same key, then paid by hand. ---
DESKCTL = os.environ["DESK_BUILDDIR"] + "/tools/deskctl"


def sweep():
    return subprocess.run([DESKCTL, "sweep"], capture_output=True, text=True)


ok_case = new_case if orders and new_case.isdigit() else ""
page = admin.get(f"/admin/case/{ok_case}").text
fields = form_fields(page, "approve_refund")
r = admin.post(f"/admin/case/{ok_case}", fields or {})
check(r.status == 303, "the admin approves the refund of the new case", str(r.status))
key = sql(f"SELECT idempotency_key FROM refunds WHERE case_id = {ok_case}")
rid = sql(f"SELECT id FROM refunds WHERE case_id = {ok_case}")
sweep()
check(sql(f"SELECT status, attempts, last_error IS NOT NULL FROM refunds WHERE id = {rid}") == "failed\t1\t1",
      "the payment system is down: after the configured attempts the refund fails",
      sql(f"SELECT status, attempts, last_error FROM refunds WHERE id = {rid}"))
r = admin.get("/admin/refunds")
row = re.search(rf'<tr>\s*<td data-label="Case">\s*<a href="/admin/case/{ok_case}">.*?</tr>', r.text, re.S)
row = row.group(0) if row else ""
check(r.status == 200 and "given up" in row and f"refunds/{rid}/retry" in row and f"refunds/{rid}/paid" in row
      and sql(f"SELECT last_error FROM refunds WHERE id = {rid}")[:30] in html.unescape(row),
      "the ledger shows the failed refund with its last error, a retry and a paid-by-hand form")
check("Everything reconciles" in r.text, "the reconciliation view is empty")
totals = dict((s, (int(n), int(a))) for s, n, a in (l.split("\t") for l in
              sql("SELECT status, COUNT(*), SUM(amount_cents) FROM refunds GROUP BY status").splitlines()))
shown = re.findall(r'<tr class="total-(\w+)">.*?data-label="Executions">(\d+)</td>\s*<td class="num" '
                   r'data-label="Amount">[^<]*?([\d,]+\.\d\d)</td>', r.text, re.S)
check(shown and all(totals.get(s) == (int(n), int(a.replace(",", "").replace(".", ""))) for s, n, a in shown)
      and len(shown) == len(totals), "the totals by status equal the database's", f"{shown} {totals}")
csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
paid_token = re.search(rf'action="/admin/refunds/{rid}/paid".*?name="token" value="([^"]+)"', r.text, re.S).group(1)
r = admin.post(f"/admin/refunds/{rid}/retry", {"csrf": csrf})
check(r.status == 303 and sql(f"SELECT status, idempotency_key, next_attempt_at <= UTC_TIMESTAMP() FROM refunds "
                              f"WHERE id = {rid}") == f"pending\t{key}\t1",
      "retry sets the row back to pending, due now, with the same idempotency key", str(r.status))
r = admin.post(f"/admin/refunds/{rid}/retry", {"csrf": csrf})
check(r.status == 409, "a second retry of a refund no longer failed is 409", str(r.status))
check(sql("SELECT COUNT(*) FROM admin_audit WHERE action = 'refund_retry'") == "1", "the retry is in the audit list")
s = sweep()
check(sql(f"SELECT status, attempts FROM refunds WHERE id = {rid}") == "failed\t2",
      "the worker tried it again with the same key, and it failed again", s.stdout + s.stderr)
r = admin.post(f"/admin/refunds/{rid}/paid", {"csrf": csrf, "token": paid_token, "reference": ""})
check(r.status == 422 and "reference of the payment" in r.text, "paid by hand without a reference is refused",
      str(r.status))
timeline = sql(f"SELECT COUNT(*) FROM timeline WHERE case_id = {ok_case}")
answers = []
ts = [threading.Thread(target=lambda: answers.append(admin.post(f"/admin/refunds/{rid}/paid", {
    "csrf": csrf, "token": paid_token, "reference": "BANK-2026-0042"}).status)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
check(answers == [303, 303, 303], "three sends of the paid-by-hand form all answer as the first", str(answers))
check(sql(f"SELECT status, external_ref FROM refunds WHERE id = {rid}") == "succeeded\tBANK-2026-0042"
      and sql(f"SELECT state, refunded_cents = approved_cents FROM cases WHERE id = {ok_case}") == "refunded\t1",
      "the ledger row succeeded with the reference and the case is refunded")
check(int(sql(f"SELECT COUNT(*) FROM timeline WHERE case_id = {ok_case}")) == int(timeline) + 1
      and sql("SELECT COUNT(*) FROM admin_audit WHERE action = 'refund_by_hand'") == "1"
      and sql(f"SELECT COUNT(*) FROM refunds WHERE case_id = {ok_case} AND status = 'succeeded'") == "1",
      "money moved once: one timeline row, one audit row, one successful refund")
r = admin.post(f"/admin/refunds/{rid}/retry", {"csrf": csrf})
check(r.status == 409 and sql(f"SELECT status FROM refunds WHERE id = {rid}") == "succeeded",
      "a paid refund cannot be retried")
rec = subprocess.run([DESKCTL, "reconcile"], capture_output=True, text=True)
check(rec.returncode == 0 and "Everything reconciles" in admin.get("/admin/refunds").text,
      "the ledger still reconciles (deskctl reconcile and the page)", rec.stdout[-300:])

# --- Accounts and shops; disabled accounts lose their sessions; the audit list. ---
def csrf_of(b, path):
    return re.search(r'name="csrf" value="([^"]+)"', b.get(path).text).group(1)


csrf = csrf_of(admin, "/admin/accounts")
shop = {"csrf": csrf, "name": "", "currency": "CNY", "label": "Main warehouse", "recipient": "Returns desk",
        "phone": "12", "address": "88 Lantern Road, Suzhou"}
r = admin.post("/admin/accounts/shop", shop)
check(r.status == 422 and "Name the shop" in r.text and "phone number for the carrier" in r.text
      and 'value="Main warehouse"' in r.text and "88 Lantern Road, Suzhou</textarea>" in r.text
      and r.text.count('aria-invalid="true"') == 2, "a shop without a name or a phone is refused, input kept",
      str(r.status))
shop.update(name="Lantern Crafts 灯笼工坊", phone="0512-6666 8888")
r = admin.post("/admin/accounts/shop", shop)
shop_id = sql("SELECT id FROM shops WHERE name = 'Lantern Crafts 灯笼工坊'")
check(r.status == 303 and shop_id and sql(f"SELECT COUNT(*) FROM shop_addresses WHERE shop_id = {shop_id} "
                                          "AND is_default = 1") == "1",
      "a new shop is added with its default return address", str(r.status))
r = admin.post("/admin/accounts/shop", shop)
check(r.status == 409 and "exists already" in r.text, "a second shop of the same name is refused", str(r.status))
user = {"csrf": csrf, "role": "seller", "login": "lantern1", "display_name": "Lantern seller",
        "password": "lantern-pass-1", "shop": ""}
r = admin.post("/admin/accounts/user", user)
check(r.status == 422 and "A seller works for one shop" in r.text and 'value="lantern1"' in r.text,
      "a seller without a shop is refused, input kept", str(r.status))
r = admin.post("/admin/accounts/user", dict(user, role="admin", shop=shop_id))
check(r.status == 422 and "Only a seller works for a shop" in r.text, "an admin with a shop is refused")
r = admin.post("/admin/accounts/user", dict(user, shop=shop_id))
check(r.status == 303 and sql("SELECT role, shop_id FROM users WHERE login = 'lantern1'") == f"seller\t{shop_id}",
      "a seller account of the new shop is added", str(r.status))
r = admin.post("/admin/accounts/user", dict(user, shop=shop_id))
check(r.status == 409 and "This login is taken" in r.text, "a taken login is refused", str(r.status))
seller = Browser()
r = seller.login("/seller/", "lantern1", "lantern-pass-1")
check(r.status == 303 and seller.get("/seller/").status == 200, "the new seller signs in")
uid = sql("SELECT id FROM users WHERE login = 'lantern1'")
r = admin.post(f"/admin/users/{uid}/disable", {"csrf": csrf})
check(r.status == 303 and sql(f"SELECT disabled FROM users WHERE id = {uid}") == "1"
      and sql(f"SELECT COUNT(*) FROM sessions WHERE user_id = {uid}") == "0",
      "disabling an account deletes its sessions in the same action", str(r.status))
r = seller.get("/seller/")
check(r.status == 303 and (r.header("location") or "").endswith("/seller/login"),
      "the disabled seller's next request is sent to the login page", f"{r.status} {r.header('location')}")
r = Browser().login("/seller/", "lantern1", "lantern-pass-1")
check(r.status != 303, "a disabled account cannot sign in", str(r.status))
me = sql("SELECT id FROM users WHERE login = 'admin'")
r = admin.post(f"/admin/users/{me}/disable", {"csrf": csrf})
check(r.status == 403, "an admin cannot disable their own account", str(r.status))
e = subprocess.run([DESKCTL, "user", "enable", "lantern1"], capture_output=True, text=True)
r = seller.login("/seller/", "lantern1", "lantern-pass-1")
check(e.returncode == 0 and r.status == 303, "deskctl user enable lets the account sign in again", e.stderr)
r = admin.post(f"/admin/users/{uid}/password", {"csrf": csrf, "password": "short"})
check(r.status == 422 and "at least 8 characters" in r.text, "a short new password is refused", str(r.status))
r = admin.post(f"/admin/users/{uid}/password", {"csrf": csrf, "password": "lantern-pass-2"})
check(r.status == 303 and seller.get("/seller/").status == 303, "a reset password signs the account out",
      str(r.status))
check(Browser().login("/seller/", "lantern1", "lantern-pass-1").status != 303
      and Browser().login("/seller/", "lantern1", "lantern-pass-2").status == 303,
      "after a reset only the new password works")
e = subprocess.run([DESKCTL, "user", "reset", "lantern1"], input="lantern-pass-3\n", capture_output=True, text=True)
check(e.returncode == 0 and seller.login("/seller/", "lantern1", "lantern-pass-3").status == 303,
      "deskctl user reset sets a new password", e.stderr)
e = subprocess.run([DESKCTL, "user", "disable", "lantern1"], capture_output=True, text=True)
check(e.returncode == 0 and seller.get("/seller/").status == 303
      and sql(f"SELECT COUNT(*) FROM sessions WHERE user_id = {uid}") == "0",
      "deskctl user disable ends the account's sessions at once", e.stdout + e.stderr)
e = subprocess.run([DESKCTL, "shop", "add", "Paper Kite 纸鸢", "CNY", "Warehouse", "Returns", "021-5555 0000",
                    "1 Kite Lane, Shanghai"], capture_output=True, text=True)
check(e.returncode == 0 and sql("SELECT COUNT(*) FROM shops s JOIN shop_addresses a ON a.shop_id = s.id "
                                "WHERE s.name = 'Paper Kite 纸鸢' AND a.is_default = 1") == "1",
      "deskctl shop add adds a shop with its return address", e.stdout + e.stderr)
e = subprocess.run([DESKCTL, "user", "disable", "nobody-here"], capture_output=True, text=True)
check(e.returncode == 1 and "no user" in e.stderr, "deskctl names an unknown login", e.stderr)
r = admin.get("/admin/audit")
audit = sql("SELECT COALESCE(u.login, 'deskctl'), a.action, a.subject, a.remote_addr FROM admin_audit a "
            "LEFT JOIN users u ON u.id = a.admin_id ORDER BY a.id").splitlines()
want = ["admin\tshop_add\tLantern Crafts 灯笼工坊\t127.0.0.1", "admin\tuser_add\tlantern1\t127.0.0.1",
        "admin\tuser_disable\tlantern1\t127.0.0.1", "deskctl\tuser_enable\tlantern1\tdeskctl",
        "admin\tuser_reset\tlantern1\t127.0.0.1", "deskctl\tuser_reset\tlantern1\tdeskctl",
        "deskctl\tuser_disable\tlantern1\tdeskctl", "deskctl\tshop_add\tPaper Kite 纸鸢\tdeskctl"]
check(audit[-8:] == want, "every account change is in the audit list: who, what, from where", "\n".join(audit))
check(r.status == 200 and r.text.count("<code>") == len(audit) and "127.0.0.1" in r.text
      and "policy_publish" in r.text and "refund_by_hand" in r.text, "the audit page lists them all", str(r.status))

# Admin sessions end after 15 idle minutes; a buyer's lasts 30.
shopper = Browser()
shopper.login("/buyer/", "buyer3")
with open(os.path.join(VAR, "clock-offset"), "w") as fh:
    fh.write(str(16 * 60))
r = admin.get("/admin/")
b = shopper.get("/buyer/")
with open(os.path.join(VAR, "clock-offset"), "w") as fh:
    fh.write("0")
check(r.status == 303 and (r.header("location") or "").endswith("/admin/login") and b.status == 200,
      "after 16 idle minutes the admin must sign in again, the buyer not", f"{r.status} {b.status}")
admin.login("/admin/", "admin")

# --- Cases: search every case, keyset-paged; the escalation queue, overdue first. ---
def found(page):
    return re.findall(r'<td data-label="Case">\s*<a href="/admin/case/(\d+)">', page)


def search_all(query):
    """The case ids of every page of a search, following the "Older cases" form."""
    ids, pages, q = [], 0, query
    while True:
        r = admin.get("/admin/search?" + urllib.parse.urlencode(q))
        pages += 1
        ids += found(r.text)
        if 'class="more"' not in r.text or pages > 20:
            return ids, pages, r
        q = FormReader("search")
        q.feed(r.text.split('class="more"', 1)[1].join(['<form action="/admin/search" ', '']))
        q = q.fields


def db_ids(where):
    return sql(f"SELECT c.id FROM cases c JOIN orders o ON o.id = c.order_id JOIN users u ON u.id = c.buyer_id "
               f"WHERE {where} ORDER BY c.created_at DESC, c.id DESC").split()


# Sixty more closed cases of one shop, a second apart (on the day of the first
# case, which the analytics below count), to page through.
first = sql("SELECT id FROM cases ORDER BY id LIMIT 1")
cols = copied_case_columns(VAR)
sql(f"INSERT INTO cases ({', '.join(cols)}, rma_no, created_at, state, closed_at, close_reason, deadline_at) "
    f"SELECT {', '.join('c.' + x for x in cols)}, CONCAT('RMATEST', LPAD(s.seq, 4, '0')), "
    f"c.created_at - INTERVAL s.seq SECOND, 'closed', c.created_at, 'expired', NULL "
    f"FROM cases c JOIN seq_1_to_60 s WHERE c.id = {first}")
shop1 = sql(f"SELECT shop_id FROM cases WHERE id = {first}")
r = admin.get("/admin/search")
check(r.status == 200 and "Find a case" in r.text and not found(r.text), "the search page starts with the form alone")
ids, pages, r = search_all({"shop": shop1})
want = db_ids(f"c.shop_id = {shop1}")
check(len(want) > 60 and ids == want and pages == (len(want) + 49) // 50,
      "a shop's cases, newest first, page after page with nothing lost or repeated", f"{len(ids)} {len(want)} {pages}")
ids, pages, r = search_all({"shop": shop1, "state": "closed", "from": "2000-01-01"})
check(ids == db_ids(f"c.shop_id = {shop1} AND c.state = 'closed'"), "a shop and a state together",
      f"{len(ids)}")
r = admin.get("/admin/search?rma=RMATEST0007")
check(found(r.text) == db_ids("c.rma_no = 'RMATEST0007'") and len(found(r.text)) == 1, "one case by its RMA number")
order_no = sql(f"SELECT o.order_no FROM cases c JOIN orders o ON o.id = c.order_id WHERE c.id = {case1}")
ids, _, r = search_all({"order": order_no})
check(ids and ids == db_ids(f"o.order_no = '{order_no}'"), "the cases of an order", f"{len(ids)}")
ids, _, r = search_all({"buyer": "buyer12"})
check(ids and ids == db_ids("u.login = 'buyer12'"), "a buyer's cases by login", str(ids))
ids, _, r = search_all({"state": "escalated"})
check(ids == db_ids("c.state = 'escalated'"), "every case in one state")
today = sql("SELECT DATE(UTC_TIMESTAMP())")
ids, _, r = search_all({"from": today, "to": today})
check(ids == db_ids(f"DATE(c.created_at) = '{today}'"), "the cases opened on one day", f"{len(ids)}")
r = admin.get("/admin/search?from=24/11/2026&state=bogus&rma=x")
check(r.status == 422 and "Write the date as 2026-11-24." in r.text and "Choose a state from the list." in r.text
      and 'value="24/11/2026"' in r.text and r.text.count('aria-invalid="true"') == 2,
      "a malformed date and an unknown state are refused next to their fields, the query kept", str(r.status))
r = admin.get("/admin/search?rma=NO-SUCH")
check(r.status == 200 and "No case matches." in r.text, "a search that finds nothing says so")

# Escalations: one more escalated case, past its deadline, goes first however young.
sql(f"INSERT INTO cases ({', '.join(cols)}, rma_no, created_at, state, escalated_at, deadline_at) "
    f"SELECT {', '.join('c.' + x for x in cols)}, 'RMATESTLATE', UTC_TIMESTAMP(), 'escalated', "
    f"UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 MINUTE FROM cases c WHERE c.id = {first}")
late = sql("SELECT id FROM cases WHERE rma_no = 'RMATESTLATE'")
r = admin.get("/admin/cases")
queue = found(r.text)
want = sql("SELECT id FROM cases WHERE state = 'escalated' ORDER BY deadline_at <= UTC_TIMESTAMP() DESC, "
           "escalated_at, id").split()
check(queue and queue[0] == late and queue == want and 'class="overdue"' in r.text and "overdue</span>" in r.text,
      "the escalation queue puts the overdue case first, then by age", f"{queue} {want}")
sql(f"UPDATE cases SET state = 'closed', closed_at = UTC_TIMESTAMP(), close_reason = 'expired', deadline_at = NULL "
    f"WHERE id = {late}")

# --- Analytics: figures, SVG charts and CSV equal to what the database says. ---
import csv  # noqa: E402
import io  # noqa: E402

sweep()  # the analytics read the worker's daily aggregates
r = admin.get("/admin/analytics")
check(r.status == 200 and r.text.count("<svg") >= 3 and "<rect" in r.text and "Median time from request to close" in r.text,
      "the analytics page draws its charts on the server", str(r.status))


def csv_of(name):
    resp = admin.request("GET", f"/admin/analytics.csv?table={name}")
    raw = resp.text
    return resp, raw, list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))


def money(cents):
    return f"{int(cents) // 100}.{int(cents) % 100:02d}"


resp, raw, rows = csv_of("shops")
want = [l.split("\t") for l in sql(
    "SELECT s.name, s.currency, (SELECT COUNT(*) FROM orders o WHERE o.shop_id = s.id), COUNT(c.id), "
    "COALESCE(SUM(c.state = 'refunded'), 0), COALESCE(SUM(c.refunded_cents), 0) FROM shops s "
    "LEFT JOIN cases c ON c.shop_id = s.id GROUP BY s.id ORDER BY s.name").splitlines()]
expect = [[n, cur, o, c, rf, (f"{(int(rf) * 1000 + int(o) // 2) // int(o) // 10}."
                              f"{(int(rf) * 1000 + int(o) // 2) // int(o) % 10}" if int(o) else "0.0"), money(a)]
          for n, cur, o, c, rf, a in want]
check(resp.status == 200 and raw.startswith("\ufeff") and "text/csv; charset=utf-8" == resp.header("content-type")
      and "attachment" in (resp.header("content-disposition") or ""),
      "the CSV is UTF-8 with a BOM, sent as a download", f"{resp.status} {resp.header('content-type')}")
check(rows[0] == ["shop", "currency", "orders", "cases", "refunded", "refund_rate_percent", "refunded_amount"]
      and rows[1:] == expect, "the shops' CSV equals the figures computed from the database", f"{rows[1:]} {expect}")
resp, raw, rows = csv_of("reasons")
want = [[k, cur, c, rf, money(a)] for k, cur, c, rf, a in (l.split("\t") for l in sql(
    "SELECT reason_code, currency, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM cases "
    "GROUP BY reason_code, currency ORDER BY COUNT(*) DESC, reason_code, currency").splitlines())]
check(rows[1:] == want, "the reasons' CSV equals the database", f"{rows[1:]} {want}")
resp, raw, rows = csv_of("months")
want = [[k, cur, c, rf, money(a)] for k, cur, c, rf, a in (l.split("\t") for l in sql(
    "SELECT DATE_FORMAT(created_at, '%Y-%m'), currency, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) "
    "FROM cases WHERE created_at >= UTC_TIMESTAMP() - INTERVAL 400 DAY GROUP BY 1, 2 ORDER BY 1, 2").splitlines())]
check(rows[1:] == want, "the months' CSV equals the database", f"{rows[1:]} {want}")
resp, raw, rows = csv_of("outcomes")
total = sql("SELECT COUNT(*) FROM cases")
check(["all", "", total] == rows[1][:3] if rows[1][0] == "all" else any(x[0] == "all" and x[2] == total for x in rows),
      "the outcomes' CSV counts every case", str(rows))
# Four days on, the worker acts on the deadlines that passed; the outcomes count them by state.
with open(os.path.join(VAR, "clock-offset"), "w") as fh:
    fh.write(str(4 * 86400))
s = sweep()
with open(os.path.join(VAR, "clock-offset"), "w") as fh:
    fh.write("0")
resp, raw, rows = csv_of("outcomes")
want = [["deadline", st, n] for st, n in (l.split("\t") for l in sql(
    "SELECT from_state, COUNT(*) FROM timeline WHERE event = 'deadline' GROUP BY from_state "
    "ORDER BY from_state").splitlines())]
check(want and sorted(x[:3] for x in rows[1:] if x[0] == "deadline") == sorted(want),
      "the actions deadlines took are counted by state, as in the timeline", f"{rows} {want} {s.stdout}")
r = admin.get("/admin/analytics")
check("acted on by a deadline" in r.text, "and shown on the analytics page")
r = admin.get("/admin/analytics.csv?table=nothing")
check(r.status == 404, "an unknown table is 404", str(r.status))

deskhttp.print_results(results)
