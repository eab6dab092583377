#!/usr/bin/env python3
"""tests/http/http_admin_lists.py: the platform's lists as keyset pages (issue 12).

Run by tests/http/admin_lists.test with the base URL and the run-time folder of
a server started on a seeded private database of its own. Adds more rows than
a page holds (with ties on the sort key), then follows the "Next page" links
of the ledger (each view), the escalations, the accounts and the audit list:
every row once, in the database's order; a malformed cursor is answered 400.
Prints TAP.
"""
import html
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from http_cases import copied_case_columns  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return deskhttp.sql(VAR, q).strip()


admin = deskhttp.Browser(BASE)
admin.login("/admin/", "admin")


def walk(path, pick, limit=40):
    """Follows rel="next" from path: the picked keys of every page, the pages, the responses."""
    keys, pages, url = [], [], path
    while url is not None and len(pages) < limit:
        r = admin.get(url)
        pages.append(r)
        keys += pick(r.text)
        m = re.search(r'<a href="([^"]+)" class="button" rel="next">', r.text)
        url = html.unescape(m.group(1)).split("#")[0] if m else None
    return keys, pages


def first_link(page):
    return re.search(r'<a href="[^"]+" class="button">First page</a>', page) is not None


# --- Rows to page through: 130 cases waiting for the platform, deadlines in
# threes on one second (ties on the sort key), some past; a refund of each in
# every status, decided in threes on one second; 130 more buyers. ---
first = sql("SELECT id FROM cases ORDER BY id LIMIT 1")
cols = copied_case_columns(VAR)
sql(f"INSERT INTO cases ({', '.join(cols)}, rma_no, created_at, state, closed_at, close_reason, deadline_at, "
    f"escalated_at) SELECT {', '.join('c.' + x for x in cols)}, CONCAT('RMALIST', LPAD(s.seq, 4, '0')), "
    f"UTC_TIMESTAMP() - INTERVAL 3 DAY, ELT(1 + s.seq % 3, 'escalated', 'evidence_from_buyer', "
    f"'evidence_from_seller'), NULL, NULL, "
    f"DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:00:00') + INTERVAL CAST(s.seq DIV 3 AS SIGNED) - 20 HOUR, "
    f"UTC_TIMESTAMP() - INTERVAL 2 DAY FROM cases c JOIN seq_1_to_130 s WHERE c.id = {first}")
sql("INSERT INTO refunds (case_id, idempotency_key, amount_cents, currency, executor, status, attempts, last_error, "
    "created_at, settled_at) SELECT c.id, CONCAT('list-', c.id), 100 + c.id % 7, c.currency, 'webhook', "
    "ELT(1 + c.id % 4, 'succeeded', 'pending', 'failed', 'pending'), c.id % 3, "
    "IF(c.id % 4 IN (2, 3), 'HTTP 503', NULL), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d 00:00:00') - INTERVAL (c.id DIV 3) MINUTE, "
    "IF(c.id % 4 = 0, UTC_TIMESTAMP(), NULL) FROM cases c WHERE c.rma_no LIKE 'RMALIST%'")
sql("INSERT INTO users (role, login, display_name, password_hash, created_at) "
    "SELECT 'buyer', CONCAT('pagebuyer', s.seq), CONCAT('Page buyer ', s.seq), '*', UTC_TIMESTAMP() "
    "FROM seq_1_to_130 s")
sql("INSERT INTO admin_audit (admin_id, action, subject, detail, remote_addr, created_at) "
    "SELECT NULL, 'test_row', CONCAT('row ', s.seq), '', 'deskctl', "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d 00:00:00') - INTERVAL (s.seq DIV 4) MINUTE FROM seq_1_to_120 s")
check(int(sql("SELECT COUNT(*) FROM refunds")) > 120 and int(sql("SELECT COUNT(*) FROM users")) > 150,
      "more rows than a page holds", sql("SELECT COUNT(*) FROM refunds"))

# --- The ledger: every view newest first, each execution once. ---
views = {
    "all": "1 = 1",
    "attention": "status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL)",
    "pending": "status = 'pending' AND last_error IS NULL",
    "succeeded": "status = 'succeeded'",
}


def ledger_keys(page):
    return re.findall(r'<small class="sku">\w+ · ([^<]+)</small>', page)


for view, where in views.items():
    keys, pages = walk(f"/admin/refunds?view={view}", ledger_keys)
    want = sql(f"SELECT idempotency_key FROM refunds WHERE {where} ORDER BY created_at DESC, id DESC").split()
    check(keys == want and len(pages) == max(1, (len(want) + 49) // 50)
          and all(p.status == 200 for p in pages) and all(len(ledger_keys(p.text)) <= 50 for p in pages),
          f"the ledger's view {view}: every execution once, newest first, 50 a page",
          f"{len(keys)} {len(want)} {len(pages)} {[k for k in keys if k not in want][:5]}")
    check(not first_link(pages[0].text) and all(first_link(p.text) for p in pages[1:]),
          f"the ledger's view {view}: a first-page link on the later pages only")
r = admin.get("/admin/refunds")
check(r.status == 200 and 'aria-current="page">All<' in r.text, "the ledger opens on its view All")
sql("UPDATE admin_stats SET sort_n = 0 WHERE tbl = 'as_of'")
sql("DELETE FROM admin_stats WHERE tbl <> 'as_of'")
r = admin.get("/admin/refunds")
check("not counted yet" in r.text and "Everything reconciles" not in r.text,
      "before the worker counted, the totals say so")
s = subprocess.run([os.environ["DESK_BUILDDIR"] + "/tools/deskctl", "sweep"], capture_output=True, text=True)
r = admin.get("/admin/refunds")
totals = dict((f"{s_}", (int(n), int(a))) for s_, n, a in (l.split("\t") for l in
              sql("SELECT status, COUNT(*), SUM(amount_cents) FROM refunds GROUP BY status").splitlines()))
shown = re.findall(r'<tr class="total-(\w+)">.*?data-label="Executions">(\d+)</td>\s*<td class="num" '
                   r'data-label="Amount">[^<]*?([\d,]+\.\d\d)</td>', r.text, re.S)
check(s.returncode == 0 and "as of" in r.text and shown and len(shown) == len(totals)
      and all(totals.get(k) == (int(n), int(a.replace(",", "").replace(".", ""))) for k, n, a in shown),
      "after a pass of the worker the totals equal the database's, as of then", f"{shown} {totals} {s.stderr}")

# --- The escalations: soonest deadline first, each case once. ---


def case_ids(page):
    return re.findall(r'<a href="/admin/case/(\d+)">', page)


ids, pages = walk("/admin/cases", case_ids)
want = sql("SELECT id FROM cases WHERE state IN ('escalated', 'evidence_from_buyer', 'evidence_from_seller') "
           "ORDER BY COALESCE(deadline_at, '9999-12-31'), id").split()
check(len(want) > 120 and ids == want and len(pages) == (len(want) + 49) // 50,
      "the escalations: every waiting case once, soonest deadline first, 50 a page", f"{len(ids)} {len(want)}")
check('class="overdue"' in pages[0].text and not first_link(pages[0].text) and first_link(pages[-1].text),
      "those past their deadline lead; a first-page link on the later pages")

# --- The accounts: each list newest first, each account once; a login found. ---


def logins(page):
    return re.findall(r'<tr id="user-([^"]+)">', page)


for who, where in (("buyers", "role = 'buyer'"), ("staff", "role <> 'buyer'"), ("all", "1 = 1")):
    got, pages = walk(f"/admin/accounts?who={who}", logins)
    want = sql(f"SELECT login FROM users WHERE {where} ORDER BY id DESC").split()
    check(got == want and len(pages) == max(1, (len(want) + 19) // 20),
          f"the accounts ({who}): every account once, newest first, 20 a page", f"{len(got)} {len(want)}")
# The shops: a tab of their own (the accounts' pages list no shop), every shop once, newest first.
got, pages = walk("/admin/accounts?who=shops", lambda t: re.findall(r'<tr id="shop-(\d+)">', t))
want = sql("SELECT id FROM shops ORDER BY id DESC").split()
r = admin.get("/admin/accounts")
check(got == want and len(pages) == max(1, (len(want) + 19) // 20) and 'id="shop-' not in r.text
      and 'id="user-' in r.text and 'id="user-' not in pages[0].text,
      "the shops: a tab of their own, every shop once, newest first, 20 a page", f"{len(got)} {len(want)}")
r = admin.get("/admin/accounts?login=pagebuyer7")
check(r.status == 200 and logins(r.text) == ["pagebuyer7"], "a login shows its account alone", str(logins(r.text)))
r = admin.get("/admin/accounts?login=pagebuy")
want = sql("SELECT login FROM users WHERE login LIKE 'pagebuy%' ORDER BY login").split()
check(logins(r.text) == want[:50] and len(want) > 50 and "only the first 50 are shown" in r.text,
      "a login's beginning lists the first 50 logins that start with it, and says so", f"{logins(r.text)} {want}")
r = admin.get("/admin/accounts?login=page_uyer1")
check(r.status == 200 and logins(r.text) == [], "an underscore is no wildcard", str(logins(r.text)))

# --- The audit list. ---


def audit_rows(page):
    return re.findall(r'<td data-label="Subject">([^<]*)</td>', page)


got, pages = walk("/admin/audit", audit_rows)
want = sql("SELECT subject FROM admin_audit ORDER BY created_at DESC, id DESC").splitlines()
check(got == want and len(pages) == (len(want) + 49) // 50, "the audit list: every action once, newest first",
      f"{len(got)} {len(want)}")

# --- The analytics' shops: by name, 50 a page; the CSV has them all. ---
sql("INSERT INTO shops (name, currency, created_at) SELECT CONCAT('Paging shop ', LPAD(s.seq, 3, '0')), 'CNY', "
    "UTC_TIMESTAMP() FROM seq_1_to_70 s")
subprocess.run([os.environ["DESK_BUILDDIR"] + "/tools/deskctl", "sweep"], capture_output=True, text=True)


def shop_names(page):
    m = re.search(r'id="stats-shops">(.*?)</section>', page, re.S)
    return re.findall(r'<td data-label="Shop">([^<]*)</td>', m.group(1)) if m else []


names, pages = walk("/admin/analytics", shop_names)
want = sql("SELECT name FROM shops ORDER BY name, id").splitlines()
check(len(want) > 70 and [html.unescape(n) for n in names] == want and len(pages) == (len(want) + 49) // 50,
      "the analytics' shops: every shop once, by name, 50 a page", f"{len(names)} {len(want)} {names[:3]}")
csv_rows = admin.get("/admin/analytics.csv?table=shops").text.lstrip("\ufeff").splitlines()[1:]
check([r.split(",")[0].strip('"') for r in csv_rows] == want, "the shops' CSV lists every shop, by name",
      f"{len(csv_rows)} {len(want)}")

# --- Malformed and foreign cursors. ---
for path in ("/admin/refunds?after=bogus", "/admin/refunds?after=123", "/admin/refunds?view=nothing",
             "/admin/refunds?after=2026120100000.5", "/admin/cases?after=x1", "/admin/cases?after=42",
             "/admin/accounts?after=20261201000000.5", "/admin/accounts?shops_after=-1",
             "/admin/accounts?who=everyone", "/admin/audit?after=1.2", "/admin/versions?before=x",
             "/admin/analytics?shops_after=1.1"):
    r = admin.get(path)
    check(r.status == 400, f"a malformed cursor is refused: {path}", str(r.status))
r = admin.get("/admin/refunds?view=all&after=19700101000000.1")
check(r.status == 200 and ledger_keys(r.text) == [], "a cursor past the end shows an empty page")

deskhttp.print_results(results)
