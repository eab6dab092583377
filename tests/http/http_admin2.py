#!/usr/bin/env python3
"""tests/http/http_admin2.py: the platform's desk, second part, through the live programs.

Asking either side of an escalated case for more evidence (the answer and
the deadline both take it back to the platform), the admin's case page with
both sides' history, rulings that must be explained and that both sides
read, and the evidence-request setting of the policy editor. Run by
tests/http/admin2.test with the base URL and the run-time folder of a server
started on a seeded private database of its own. Prints TAP.
"""
import html
import os
import re
import subprocess
import sys
import time

import deskhttp  # noqa: E402
from deskhttp import FormReader, form_of  # noqa: E402,F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_cases import form_fields, request_unshipped  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
DESKCTL = os.environ["DESK_BUILDDIR"] + "/tools/deskctl"
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return deskhttp.sql(VAR, q).strip()


def offset(secs):
    with open(os.path.join(VAR, "clock-offset"), "w") as fh:
        fh.write(str(secs))


def Browser():
    return deskhttp.Browser(BASE)


def act(who, prefix, case, event, **fields):
    """Posts the action form of event on the case page as drawn for who; None when there is no such form."""
    page = who.get(f"{prefix}case/{case}")
    f = form_fields(page.text, event)
    if f is None:
        return None
    f.update(fields)
    return who.post(f"{prefix}case/{case}", f)


def text(page):
    """The page's text with tags dropped and entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def seller_of(case):
    login = sql(f"SELECT u.login FROM users u JOIN cases c ON c.shop_id = u.shop_id WHERE c.id = {case} "
                "AND u.role = 'seller' AND u.disabled = 0 ORDER BY u.id LIMIT 1")
    s = Browser()
    s.login("/seller/", login)
    return s


def escalated_case(login):
    """A refund-only request of login's, refused by the seller and escalated through the pages."""
    b = Browser()
    b.login("/buyer/", login)
    _, case = request_unshipped(b)
    if not case or sql(f"SELECT state FROM cases WHERE id = {case}") != "requested":
        return None, None, None
    s = seller_of(case)
    act(s, "/seller/", case, "reject", note="The order was already packed")
    act(b, "/buyer/", case, "escalate", note="I cancelled within minutes")
    return case, b, s


admin = Browser()
r = admin.login("/admin/", "admin")
check(r.status == 303, "the admin signs in", str(r.status))

# --- The policy editor: the evidence-request setting, validated and diffed. ---
hours = sql("SELECT evidence_request_hours FROM policies WHERE status = 'published'")
page = admin.get("/admin/policy/edit").text
m = re.search(r'name="evidence_request_hours" value="(\d+)"', page)
check(m and m.group(1) == hours and "A side asked for more evidence answers within (hours)" in page,
      "the editor shows the evidence-request deadline of the current version", hours)
f = form_of(page, "policy/edit")
r = admin.post("/admin/policy/edit", dict(f, evidence_request_hours="0"))
check(r.status == 422 and 'name="evidence_request_hours" value="0"' in r.text
      and 'id="evidence_request_hours-error"' in r.text and "Enter a whole number of hours from 1 to 8760." in r.text,
      "0 hours is refused next to the field, the input kept", str(r.status))
r = admin.post("/admin/policy/edit", dict(f, evidence_request_hours="9000"))
check(r.status == 422 and 'name="evidence_request_hours" value="9000"' in r.text,
      "more than a year of hours is refused", str(r.status))
r = admin.post("/admin/policy/edit", dict(f, evidence_request_hours="24"))
check(r.status == 303, "24 hours is saved in the draft", str(r.status))
r = admin.get("/admin/policy/draft")
rows = re.findall(r'<td data-label="Rule">([^<]*)</td>\s*<td data-label="Before">([^<]*)</td>\s*'
                  r'<td data-label="After publishing">([^<]*)</td>', r.text)
check(("A side asked for more evidence answers within (hours)", hours, "24") in rows and len(rows) == 1,
      "the confirmation shows the change of the evidence-request deadline, and nothing else", str(rows))
csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
draft = re.search(r'name="draft" value="(\d+)"', r.text).group(1)
old_policy = sql("SELECT id FROM policies WHERE status = 'published'")

# --- A dispute opened under the current version; the admin's case page. ---
case = buyer = seller = None
for login in ("buyer8", "buyer9", "buyer10", "buyer11", "buyer12"):
    case, buyer, seller = escalated_case(login)
    if case:
        break
check(case and sql(f"SELECT state FROM cases WHERE id = {case}") == "escalated",
      "a refused request is escalated through the pages", str(case))
case2 = None
for login in ("buyer13", "buyer14", "buyer15", "buyer16", "buyer17"):
    case2, buyer2, seller2 = escalated_case(login)
    if case2:
        break
check(case2 and sql(f"SELECT state FROM cases WHERE id = {case2}") == "escalated", "and a second one", str(case2))

# Publishing now: both cases stay under the version they were opened under (72 hours, or what it said).
r = admin.post("/admin/policy/publish", {"csrf": csrf, "draft": draft, "note": "Shorter evidence requests"})
check(r.status == 303 and sql("SELECT evidence_request_hours FROM policies WHERE status = 'published'") == "24"
      and sql(f"SELECT policy_id FROM cases WHERE id = {case}") == old_policy,
      "the new setting is published; open cases keep their version", str(r.status))
pol = buyer.get("/buyer/policy").text if buyer else ""
check("24 hours, or the platform rules without it" in pol,
      "the buyers' policy page shows the new evidence-request deadline", text(pol)[:1500])

page = admin.get(f"/admin/case/{case}").text
b_orders, b_cases, b_refunded, b_escalated = sql(
    f"SELECT (SELECT COUNT(*) FROM orders o WHERE o.buyer_id = c.buyer_id), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id AND x.state = 'refunded'), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id AND x.escalated_at IS NOT NULL) "
    f"FROM cases c WHERE c.id = {case}").split("\t")
s_orders, s_cases, s_refunded, s_escalated = sql(
    f"SELECT (SELECT COUNT(*) FROM orders o WHERE o.shop_id = c.shop_id), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id AND x.state = 'refunded'), "
    f"(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id AND x.escalated_at IS NOT NULL) "
    f"FROM cases c WHERE c.id = {case}").split("\t")


def history_row(page, side):
    m = re.search(rf'<tr class="history-{side}">(.*?)</tr>', page, re.S)
    return re.findall(r'<td class="num">([^<]*)</td>', m.group(1)) if m else []


brow, srow = history_row(page, "buyer"), history_row(page, "shop")
rate = f"{100.0 * int(s_refunded) / int(s_orders):.1f}%" if int(s_orders) else "no orders"
check(brow[:4] == [b_orders, b_cases, b_refunded, b_escalated],
      "the admin's case page shows the buyer's orders, cases, refunds and escalations, as in the database",
      f"{brow} {[b_orders, b_cases, b_refunded, b_escalated]}")
check(srow[:5] == [s_orders, s_cases, s_refunded, s_escalated, rate],
      "and the shop's, with its refund rate", f"{srow} {[s_orders, s_cases, s_refunded, s_escalated, rate]}")
check('id="history"' not in buyer.get(f"/buyer/case/{case}").text
      and 'id="history"' not in seller.get(f"/seller/case/{case}").text,
      "neither side sees the other's history")
check("Timeline" in page and "The order was already packed" in page and "I cancelled within minutes" in page,
      "the admin's page has the whole timeline with both sides' words")
check(form_fields(page, "ask_buyer") and form_fields(page, "ask_seller"),
      "the admin may ask the buyer or the seller for more evidence")
check(form_fields(buyer.get(f"/buyer/case/{case}").text, "ask_seller") is None
      and form_fields(seller.get(f"/seller/case/{case}").text, "ask_buyer") is None,
      "neither side may ask")
queue = admin.get("/admin/cases").text
check(f"/admin/case/{case}\"" in queue, "the case is in the escalation queue")

# --- Asking the buyer: a message is required; the request has a deadline both sides see. ---
r = act(admin, "/admin/", case, "ask_buyer", note="  ")
check(r is not None and r.status == 422 and "Say what evidence you need." in r.text,
      "asking without saying what for is refused", str(r and r.status))
check(sql(f"SELECT state FROM cases WHERE id = {case}") == "escalated", "and changes nothing")
ask = "Send a screenshot of the cancellation with its time."
before = int(time.time())
r = act(admin, "/admin/", case, "ask_buyer", note=ask)
check(r is not None and r.status == 303, "the admin asks the buyer for more evidence", str(r and r.status))
st, due = sql(f"SELECT state, UNIX_TIMESTAMP(deadline_at) FROM cases WHERE id = {case}").split("\t")
check(st == "evidence_from_buyer" and before + int(hours) * 3600 - 5 <= int(due) <= int(time.time()) + int(hours) * 3600,
      "the case waits for the buyer until the deadline of its policy version", f"{st} {due} {before} {hours}")
bpage = buyer.get(f"/buyer/case/{case}").text
spage = seller.get(f"/seller/case/{case}").text
check('id="evidence-ask"' in bpage and "The platform asks you for more evidence" in bpage and ask in bpage
      and "data-countdown" in bpage and "waiting for you" in text(bpage),
      "the buyer sees the request, its text and its deadline", text(bpage)[:600])
check('id="evidence-ask"' in spage and "The platform asked the buyer for more evidence" in spage and ask in spage
      and "data-countdown" in spage, "the seller sees it too, with the deadline", text(spage)[:600])
check(form_fields(bpage, "message") and form_fields(bpage, "add_evidence"), "the buyer can answer with a message or photos")
check(f"/admin/case/{case}\"" in admin.get("/admin/cases").text, "the waiting case stays in the escalation queue")
r = act(seller, "/seller/", case, "message", note="We never received a cancellation.")
check(r is not None and r.status == 303 and sql(f"SELECT state FROM cases WHERE id = {case}") == "evidence_from_buyer",
      "the seller's message does not end the wait", str(r and r.status))
r = act(buyer, "/buyer/", case, "message", note="Cancelled at 10:02, two minutes after paying; screenshot by mail.")
check(r is not None and r.status == 303 and sql(f"SELECT state FROM cases WHERE id = {case}") == "escalated",
      "the buyer's answer takes the case back to the platform", str(r and r.status))

# --- Rulings need an explanation, and both sides read it. ---
r = act(admin, "/admin/", case, "rule_partial", amount="0.50", note="")
check(r is not None and r.status == 422 and "Explain the ruling; both sides will read it." in r.text
      and 'value="0.50"' in r.text, "a partial ruling without an explanation is refused, the amount kept",
      str(r and r.status))
r = act(admin, "/admin/", case, "rule_reject", note="")
check(r is not None and r.status == 422 and "Explain the ruling" in r.text, "so is a rejection", str(r and r.status))
r = act(admin, "/admin/", case, "rule_refund", note="")
check(r is not None and r.status == 422 and "Explain the ruling" in r.text, "and a full refund", str(r and r.status))
check(sql(f"SELECT COUNT(*) FROM refunds WHERE case_id = {case}") == "0", "no refused ruling moved money")
why = "The cancellation came before packing; half the price, the seller had costs."
r = act(admin, "/admin/", case, "rule_partial", amount="0.50", note=why)
check(r is not None and r.status == 303, "the admin rules a partial refund with an explanation", str(r and r.status))
check(sql(f"SELECT COUNT(*), SUM(amount_cents) FROM refunds WHERE case_id = {case}") == "1\t50",
      "one refund of the ruled amount", sql(f"SELECT COUNT(*), SUM(amount_cents) FROM refunds WHERE case_id = {case}"))
for who, b, prefix in (("buyer", buyer, "/buyer/"), ("seller", seller, "/seller/")):
    p = b.get(f"{prefix}case/{case}").text
    m = re.search(r'<section class="card ruling" id="ruling">(.*?)</section>', p, re.S)
    check(m and why in html.unescape(m.group(1)) and "Platform ruled a partial refund" in m.group(1)
          and "0.50" in m.group(1), f"the {who} reads the ruling, its amount and its explanation",
          m.group(1) if m else text(p)[:500])

# --- Asking the seller; nothing comes; the worker takes the case back by itself. ---
r = act(admin, "/admin/", case2, "ask_seller", note="Show the packing list with its time stamp.")
check(r is not None and r.status == 303 and
      sql(f"SELECT state FROM cases WHERE id = {case2}") == "evidence_from_seller", "the admin asks the seller",
      str(r and r.status))
spage = seller2.get(f"/seller/case/{case2}").text
check("The platform asks you for more evidence" in spage and "packing list" in spage,
      "the seller sees what is asked of them")
check("The platform asked the seller for more evidence" in buyer2.get(f"/buyer/case/{case2}").text,
      "the buyer sees whom the platform asked")
subprocess.run([DESKCTL, "sweep"], capture_output=True, text=True)
check(sql(f"SELECT state FROM cases WHERE id = {case2}") == "evidence_from_seller", "before the deadline nothing moves")
offset(int(hours) * 3600 + 60)
s = subprocess.run([DESKCTL, "sweep"], capture_output=True, text=True)
offset(0)
check(sql(f"SELECT state FROM cases WHERE id = {case2}") == "escalated"
      and sql(f"SELECT COUNT(*) FROM timeline WHERE case_id = {case2} AND event = 'deadline' "
              "AND actor_role = 'system' AND from_state = 'evidence_from_seller'") == "1",
      "past the deadline the worker takes the case back to the platform, once", s.stdout + s.stderr)
for who, b, prefix in (("buyer", buyer2, "/buyer/"), ("seller", seller2, "/seller/"), ("admin", admin, "/admin/")):
    p = b.get(f"{prefix}case/{case2}").text
    check("No evidence came before the deadline; the case is back with the platform" in p
          and 'id="evidence-ask"' not in p, f"the {who}'s timeline says none came")
page = admin.get(f"/admin/case/{case2}").text
check(form_fields(page, "rule_reject") and form_fields(page, "ask_buyer"),
      "the platform may rule, or ask again")

# --- Analytics from the worker's daily aggregates: every CSV equal to the database. ---
import csv  # noqa: E402
import io  # noqa: E402

# A settlement with a coupon, accepted: compensation given.
comp_case = None
for login in ("buyer18", "buyer19", "buyer20", "buyer2", "buyer4"):
    b = Browser()
    b.login("/buyer/", login)
    _, cid = request_unshipped(b)
    if not cid or sql(f"SELECT state FROM cases WHERE id = {cid}") != "requested":
        continue
    r = act(seller_of(cid), "/seller/", cid, "offer", amount="0.01", note="A cent and a coupon", comp_kind="coupon",
            comp_value="12.50", comp_code="SORRY", comp_expires="2030-12-31")
    if r is not None and r.status == 303 and act(b, "/buyer/", cid, "accept_offer").status == 303:
        comp_case = cid
        break
check(comp_case and sql(f"SELECT o.status FROM compensations k JOIN offers o ON o.id = k.offer_id "
                        f"WHERE k.case_id = {comp_case}") == "accepted", "a coupon is given with an accepted offer",
      str(comp_case))



def comp_total():
    rows = list(csv.reader(io.StringIO(admin.get("/admin/analytics.csv?table=compensation").text.lstrip("\ufeff"))))
    return sum(round(float(x[4]) * 100) for x in rows[1:])


before_sweep = comp_total()
s = subprocess.run([DESKCTL, "sweep"], capture_output=True, text=True)
check(s.returncode == 0 and sql("SELECT last_id FROM aggregate_marks WHERE name = 'timeline'") == sql("SELECT MAX(id) FROM timeline"),
      "the worker folds every timeline row into the aggregates", s.stdout + s.stderr)
check(sql("SELECT COALESCE(SUM(cases), 0) FROM daily_case_stats") == sql("SELECT COUNT(*) FROM cases"),
      "every case is counted once in the daily aggregates")


def csv_of(name):
    resp = admin.request("GET", f"/admin/analytics.csv?table={name}")
    return resp, list(csv.reader(io.StringIO(resp.text.lstrip("\ufeff"))))


def money(cents):
    return f"{int(cents) // 100}.{int(cents) % 100:02d}"


def rate(refunded, orders):
    refunded, orders = int(refunded), int(orders)
    if not orders:
        return "0.0"
    p = (refunded * 1000 + orders // 2) // orders
    return f"{p // 10}.{p % 10}"


def rows_of(q):
    out = sql(q)
    return [l.split("\t") for l in out.splitlines()] if out else []


resp, rows = csv_of("shops")
want = [[n, cur, o, c, rf, rate(rf, o), money(a)] for n, cur, o, c, rf, a in rows_of(
    "SELECT s.name, s.currency, (SELECT COUNT(*) FROM orders o WHERE o.shop_id = s.id), COUNT(c.id), "
    "COALESCE(SUM(c.state = 'refunded'), 0), COALESCE(SUM(c.refunded_cents), 0) FROM shops s "
    "LEFT JOIN cases c ON c.shop_id = s.id GROUP BY s.id ORDER BY s.name")]
check(resp.status == 200 and rows[1:] == want, "refund rate by shop: the CSV equals the database", f"{rows} {want}")
resp, rows = csv_of("reasons")
want = [[k, cur, c, rf, money(a)] for k, cur, c, rf, a in rows_of(
    "SELECT reason_code, currency, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM cases "
    "GROUP BY reason_code, currency ORDER BY COUNT(*) DESC, reason_code, currency")]
check(rows[1:] == want, "by reason: the CSV equals the database", f"{rows} {want}")
resp, rows = csv_of("months")
want = [[k, cur, c, rf, money(a)] for k, cur, c, rf, a in rows_of(
    "SELECT DATE_FORMAT(created_at, '%Y-%m'), currency, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) "
    "FROM cases WHERE created_at >= DATE(UTC_TIMESTAMP() - INTERVAL 400 DAY) GROUP BY 1, 2 ORDER BY 1, 2")]
check(rows[1:] == want, "over time (by month): the CSV equals the database", f"{rows} {want}")
first_sku = ("COALESCE((SELECT l.sku FROM case_lines cl JOIN order_lines l ON l.id = cl.order_line_id "
             "WHERE cl.case_id = c.id ORDER BY cl.order_line_id LIMIT 1), '')")
resp, rows = csv_of("skus")
want = [[k, cur, c, rf, money(a)] for k, cur, c, rf, a in rows_of(
    f"SELECT sku, currency, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM (SELECT {first_sku} AS sku, "
    "c.currency, c.state, c.refunded_cents FROM cases c) x GROUP BY sku, currency "
    "ORDER BY COUNT(*) DESC, sku, currency LIMIT 50")]
check(rows[0] == ["sku", "currency", "cases", "refunded", "refunded_amount"] and rows[1:] == want and want,
      "by product: the CSV equals the database", f"{rows} {want}")
resp, rows = csv_of("compensation")
want = [[k, cur, c, g, money(v)] for k, cur, c, g, v in rows_of(
    "SELECT DATE_FORMAT(c.created_at, '%Y-%m'), c.currency, COUNT(*), SUM((SELECT COUNT(*) FROM compensations k "
    "JOIN offers f ON f.id = k.offer_id WHERE k.case_id = c.id AND f.status = 'accepted')), "
    "SUM((SELECT COALESCE(SUM(k.value_cents), 0) FROM compensations k JOIN offers f ON f.id = k.offer_id "
    "WHERE k.case_id = c.id AND f.status = 'accepted')) FROM cases c "
    "WHERE c.created_at >= DATE(UTC_TIMESTAMP() - INTERVAL 400 DAY) GROUP BY 1, 2 HAVING SUM((SELECT COUNT(*) "
    "FROM compensations k JOIN offers f ON f.id = k.offer_id WHERE k.case_id = c.id AND f.status = 'accepted')) > 0 "
    "ORDER BY 1, 2")]
check(rows[0] == ["month", "currency", "cases", "compensations", "compensation_value"] and rows[1:] == want
      and any(x[4] != "0.00" for x in want), "compensation given: the CSV equals the database", f"{rows} {want}")
check(comp_total() - before_sweep == 1250, "the figures are those of the worker's last pass: the coupon counts "
      "once the worker has run", f"{before_sweep} {comp_total()}")
resp, rows = csv_of("outcomes")
want = sorted([["fast_track", st, n, rf, money(a)] for st, n, rf, a in rows_of(
    "SELECT state, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM cases WHERE fast_tracked = 1 "
    "GROUP BY state")] + [["escalated", st, n, rf, money(a)] for st, n, rf, a in rows_of(
    "SELECT state, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM cases WHERE escalated_at IS NOT NULL "
    "GROUP BY state")] + [["deadline", st, n, "0", "0.00"] for st, n in rows_of(
    "SELECT from_state, COUNT(*) FROM timeline WHERE event = 'deadline' GROUP BY from_state")] + [
    ["all", ""] + [rows_of("SELECT COUNT(*), SUM(state = 'refunded') FROM cases")[0][0],
                   rows_of("SELECT COUNT(*), SUM(state = 'refunded') FROM cases")[0][1],
                   money(sql("SELECT SUM(refunded_cents) FROM cases"))]])
check(sorted(rows[1:]) == want and any(x[0] == "escalated" and x[1] == "refunded" for x in want)
      and any(x[0] == "deadline" and x[1] == "evidence_from_seller" for x in want),
      "fast-track and escalation outcomes, and the actions deadlines took: the CSV equals the database",
      f"{sorted(rows[1:])} {want}")


def median(values):
    values = sorted(int(v) for v in values)
    if not values:
        return 0
    m = (len(values) - 1) // 2
    return values[m] if len(values) % 2 else (values[m] + values[m + 1]) // 2


decide = [l for l in sql(
    "SELECT TIMESTAMPDIFF(SECOND, c.created_at, MIN(t.at)) FROM cases c JOIN timeline t ON t.case_id = c.id "
    "WHERE t.from_state = 'requested' AND t.to_state <> 'requested' AND t.event <> 'cancel' "
    "GROUP BY c.id").splitlines()]
close = sql("SELECT TIMESTAMPDIFF(SECOND, created_at, closed_at) FROM cases WHERE closed_at IS NOT NULL").splitlines()
resp, rows = csv_of("times")
want = [["decide", str(len(decide)), str(median(decide))], ["close", str(len(close)), str(median(close))]]
check(rows[0] == ["measure", "cases", "median_seconds"] and rows[1:] == want and len(decide) > 3,
      "the median times to decide and to close equal the database's", f"{rows} {want}")
page = admin.get("/admin/analytics").text
total = sql("SELECT COUNT(*) FROM cases")
fast = sql("SELECT SUM(fast_tracked) FROM cases")
check(page.count("<svg") >= 6 and 'class="chart rate-over-time"' in page and 'id="stats-skus"' in page
      and 'id="stats-compensation"' in page and f"({fast} / {total})" in page
      and f'<span class="decided-count">{len(decide)}</span>' in page,
      "the page draws rate over time, products and compensation, and the fast-refund share", text(page)[:800])

deskhttp.print_results(results)
