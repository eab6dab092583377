#!/usr/bin/env python3
"""tests/http/http_seller.py: the seller's desk (issue 9) through the live programs.

Imported by tests/http/http_test.py, which owns the TAP output; check() and
Browser come from there. The paging checks run on a shop of their own
(made here with SQL and deskctl) so that the demo shops stay as they were.
"""
import html
import os
import re
import subprocess
import threading

from http_cases import form_fields, mariadb, open_request, orders_where


def mariadb_script(VAR, q):
    """Runs the statements q as root on the test database; raises with MariaDB's message."""
    p = subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-u", "root",
                        "-N", "-B", "refund_desk"], input=q, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return p.stdout

DESKCTL = os.environ.get("DESK_BUILDDIR", ".") + "/tools/deskctl"


def rmas(text):
    """The case numbers of a queue page, in the order shown."""
    return re.findall(r'<a href="/seller/case/\d+">(RMA[^<]+)</a>', text)


def tab_counts(text):
    return {k: int(v) for k, v in re.findall(r'class="tab-(\w+)"[^>]*>[^<]*<span class="count">(\d+)</span>', text)}


def db_rmas(VAR, where, order="c.deadline_sort, c.id"):
    out = mariadb(VAR, f"SELECT c.rma_no FROM cases c WHERE {where} ORDER BY {order}")
    return out.split()


def make_paging_shop(VAR, n):
    """A shop 'Paging Test Shop' with seller 'pager' and n requested cases on one order."""
    mariadb_script(VAR, """
        INSERT INTO shops (name, currency, created_at) VALUES ('Paging Test Shop', 'CNY', UTC_TIMESTAMP());
        SET @shop = LAST_INSERT_ID();
        INSERT INTO orders (order_no, shop_id, buyer_id, currency, total_paid_cents, paid_at, shipped_at,
                            delivered_at, ship_carrier, ship_waybill, created_at)
          SELECT 'PAGE-ORDER-1', @shop, id, 'CNY', 100000, UTC_TIMESTAMP() - INTERVAL 5 DAY,
                 UTC_TIMESTAMP() - INTERVAL 4 DAY, UTC_TIMESTAMP() - INTERVAL 3 DAY, 'SF', 'SF1', UTC_TIMESTAMP()
          FROM users WHERE login = 'buyer20';
        SET @ord = LAST_INSERT_ID();
        INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price_cents, paid_cents)
          VALUES (@ord, 1, 'PAGE-SKU-1', 'Paging test shirt', 1, 100000, 100000);
        INSERT INTO cases (rma_no, order_id, shop_id, buyer_id, policy_id, type, state, reason_code,
                           goods_received, requested_cents, currency, deadline_at, created_at, updated_at, closed_at, close_reason)
          WITH RECURSIVE seq (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < %d)
          SELECT CONCAT('RMAPAGE', LPAD(i, 5, '0')), @ord, @shop, o.buyer_id, p.id,
                 IF(i %% 3 = 0, 'return_refund', 'refund_only'),
                 IF(i %% 5 = 0, 'closed', 'requested'), r.code, 1, 100 * i, 'CNY',
                 IF(i %% 5 = 0, NULL, UTC_TIMESTAMP() + INTERVAL (240 + i %% 17) HOUR),
                 UTC_TIMESTAMP() - INTERVAL i MINUTE, UTC_TIMESTAMP(),
                 IF(i %% 5 = 0, UTC_TIMESTAMP(), NULL), IF(i %% 5 = 0, 'cancelled', NULL)
          FROM seq JOIN orders o ON o.id = @ord
          JOIN policies p ON p.status = 'published'
          JOIN policy_reasons r ON r.policy_id = p.id AND r.allow_refund_only = 1 AND r.allow_return_refund = 1
            AND r.code = (SELECT MIN(code) FROM policy_reasons WHERE policy_id = p.id
                          AND allow_refund_only = 1 AND allow_return_refund = 1);
    """ % n)
    subprocess.run([DESKCTL, "user", "add", "seller", "pager", "Pager", "Paging Test Shop"],
                   input="pager-pass-1234\n", capture_output=True, text=True, check=True)
    # The cases came in by SQL: the kept counts (sql/015) are rebuilt as after a load.
    subprocess.run([DESKCTL, "recount"], capture_output=True, text=True, check=True)


def walk(b, first):
    """Follows the Next page links from first; returns the case numbers of every page and the page count."""
    seen, path, pages = [], first, 0
    while path and pages < 50:
        r = b.get(path)
        pages += 1
        seen += rmas(r.text)
        m = re.search(r'<a href="(/seller/cases\?[^"]+)" class="button" rel="next">', r.text)
        path = html.unescape(m.group(1)) if m else None
    return seen, pages


def queue(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    s1 = Browser()
    s1.login("/seller/", "seller1")
    shop1 = mariadb(VAR, "SELECT shop_id FROM users WHERE login = 'seller1'").strip()

    r = s1.get("/seller/")
    want = dict(zip(("mine", "buyer", "escalated", "refunding", "finished"), [0] * 5))
    for tab, n in (l.split("\t") for l in mariadb(VAR, f"SELECT queue_tab, COUNT(*) FROM cases WHERE shop_id = {shop1} GROUP BY queue_tab").splitlines()):
        want[("mine", "buyer", "escalated", "refunding", "finished")[int(tab) - 1]] = int(n)
    want["open"] = sum(v for k, v in want.items() if k != "finished")
    want.pop("refunding")
    got = tab_counts(r.text)
    check(r.status == 200 and got == want, "seller queue: five tabs with the counts of the database", f"{got} != {want}")

    for tab, where in (("mine", "c.queue_tab = 1"), ("buyer", "c.queue_tab = 2"), ("escalated", "c.queue_tab = 3"),
                       ("open", "c.queue_open = 1")):
        r = s1.get(f"/seller/cases?tab={tab}")
        exp = db_rmas(VAR, f"c.shop_id = {shop1} AND {where}")
        check(r.status == 200 and rmas(r.text) == exp, f"seller queue tab {tab}: the shop's cases, soonest deadline first",
              f"{rmas(r.text)} != {exp}")
    r = s1.get("/seller/cases?tab=finished")
    exp = db_rmas(VAR, f"c.shop_id = {shop1} AND c.queue_open = 0", "c.created_at DESC, c.id DESC")
    check(r.status == 200 and rmas(r.text) == exp, "seller queue: finished cases stay in the history, newest first",
          f"{rmas(r.text)} != {exp}")
    r = s1.get("/seller/cases?tab=open&sort=newest")
    exp = db_rmas(VAR, f"c.shop_id = {shop1} AND c.queue_open = 1", "c.created_at DESC, c.id DESC")
    check(rmas(r.text) == exp, "seller queue: sorted by date, newest first", f"{rmas(r.text)} != {exp}")

    # Rows: reason, item, buyer, countdown.
    r = s1.get("/seller/cases?tab=open")
    check('data-countdown>' in r.text and 'class="sku"' in r.text and 'class="item"' in r.text,
          "seller queue rows carry the item, its SKU and a countdown to the deadline")

    # Filters.
    for q, where in (("type=return_refund", "c.type = 'return_refund'"), ("state=offered", "c.state = 'offered'"),
                     ("min=100&max=300", "c.requested_cents BETWEEN 10000 AND 30000")):
        r = s1.get(f"/seller/cases?tab=open&{q}")
        exp = db_rmas(VAR, f"c.shop_id = {shop1} AND c.queue_open = 1 AND {where}")
        check(r.status == 200 and rmas(r.text) == exp, f"seller queue filter {q}", f"{rmas(r.text)} != {exp}")
    reason = mariadb(VAR, f"SELECT reason_code FROM cases WHERE shop_id = {shop1} LIMIT 1").strip()
    if reason:
        r = s1.get(f"/seller/cases?tab=open&reason={reason}")
        exp = db_rmas(VAR, f"c.shop_id = {shop1} AND c.queue_open = 1 AND c.reason_code = '{reason}'")
        check(rmas(r.text) == exp, "seller queue filter by reason", f"{rmas(r.text)} != {exp}")
    r = s1.get("/seller/cases?tab=open&from=2000-01-01&to=2000-01-02")
    check(r.status == 200 and rmas(r.text) == [], "seller queue filter by day opened: nothing in 2000")
    r = s1.get("/seller/cases?tab=nonsense&state=nope&min=abc&from=2026-13-45&after=x")
    check(r.status == 200 and "Some filters were not understood" in r.text,
          "seller queue: filters not understood are left out and said so", str(r.status))

    # Search: own cases by RMA, order, buyer and SKU; another shop's never.
    own = mariadb(VAR, f"SELECT c.rma_no, o.order_no, u.login, l.sku FROM cases c JOIN orders o ON o.id = c.order_id "
                       f"JOIN users u ON u.id = c.buyer_id JOIN case_lines cl ON cl.case_id = c.id "
                       f"JOIN order_lines l ON l.id = cl.order_line_id WHERE c.shop_id = {shop1} LIMIT 1").split("\t")
    if len(own) == 4:
        rma, order_no, login, sku = (x.strip() for x in own)
        for q in (rma, order_no, login, sku):
            r = s1.get("/seller/cases?q=" + q)
            check(r.status == 200 and rma in rmas(r.text), f"seller search finds the case by {q}")
    other = mariadb(VAR, f"SELECT rma_no FROM cases WHERE shop_id <> {shop1} LIMIT 1").strip()
    if other:
        r = s1.get("/seller/cases?q=" + other)
        check(r.status == 200 and other not in rmas(r.text) and "No cases here" in r.text, "seller search never shows another shop's case")

    # Keyset paging on a shop of 130 cases.
    make_paging_shop(VAR, 130)
    pg = Browser()
    r = pg.login("/seller/", "pager", "pager-pass-1234")
    check(r.status == 303, "the paging shop's seller signs in", str(r.status))
    seen, pages = walk(pg, "/seller/cases?tab=open")
    exp = db_rmas(VAR, "c.shop_id = (SELECT shop_id FROM users WHERE login = 'pager') AND c.queue_open = 1")
    check(seen == exp and pages == 3, "keyset paging walks every open case once, in deadline order, 50 a page",
          f"{len(seen)} of {len(exp)} in {pages} pages")
    seen, pages = walk(pg, "/seller/cases?tab=open&sort=newest&type=refund_only")
    exp = db_rmas(VAR, "c.shop_id = (SELECT shop_id FROM users WHERE login = 'pager') AND c.queue_open = 1 "
                       "AND c.type = 'refund_only'", "c.created_at DESC, c.id DESC")
    check(seen == exp and pages == 2, "keyset paging by date keeps the filters from page to page",
          f"{len(seen)} of {len(exp)} in {pages} pages")
    r = pg.get("/seller/cases?tab=mine")
    check(not set(rmas(r.text)) & set(db_rmas(VAR, f"c.shop_id = {shop1}")), "the paging shop sees none of Lotus Apparel's cases")


def picks(text):
    """The bulk form's fields of a queue page: {case id: (event, token)}."""
    return {cid: (ev, tok) for cid, ev, tok in re.findall(
        r'<input type="checkbox" name="case" value="(\d+)"[^>]*>\s*<input type="hidden" name="e\d+" value="([^"]+)">'
        r'\s*<input type="hidden" name="t\d+" value="([^"]+)">', text)}


def bulk_form(b, text, ids, p):
    f = [("csrf", re.search(r'name="csrf" value="([^"]+)"', text).group(1))]
    for cid in ids:
        ev, tok = p[cid]
        f += [("case", cid), (f"e{cid}", ev), (f"t{cid}", tok)]
    return f


def open_lotus_requests(t, n):
    """Opens refund-only requests on unshipped Lotus Apparel orders until n wait for the seller
    (the fast track approves some at once); returns the ids of those n."""
    Browser, VAR = t["Browser"], t["VAR"]
    ids = []
    for i in range(19, 1, -1):
        if len(ids) >= n:
            break
        b = Browser()
        b.login("/buyer/", f"buyer{i}")
        for order in orders_where(b, "Lotus"):
            if len(ids) >= n:
                break
            f = open_request(b, order, "refund_only", "no", "changed_mind_unshipped")
            r = b.post("/buyer/case/new", f)
            loc = r.header("location") or ""
            cid = loc.rsplit("/", 1)[-1]
            if r.status == 303 and "/case/" in loc and \
                    mariadb(VAR, f"SELECT state FROM cases WHERE id = {cid}").strip() == "requested":
                ids.append(cid)
    return ids


def bulk(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    ids = open_lotus_requests(t, 3)
    check(len(ids) == 3, "three buyers' requests to Lotus Apparel are open for the bulk checks", str(ids))
    if len(ids) < 3:
        return
    a, b_, c = ids
    s1 = Browser()
    s1.login("/seller/", "seller1")
    page = s1.get("/seller/cases?tab=mine").text
    p = picks(page)
    check(all(x in p for x in ids) and all(p[x][0] == "approve_refund" for x in ids),
          "each request the seller can approve has a check box, its event and a one-time token in the queue")
    check(not [x for x in p if mariadb(VAR, f"SELECT state FROM cases WHERE id = {x}").strip() != "requested"],
          "only cases whose state allows an approval can be chosen")

    # Another shop's seller cannot approve Lotus cases in bulk, with or without their tokens.
    s2 = Browser()
    s2.login("/seller/", "seller2")
    p2 = s2.get("/seller/cases?tab=mine").text
    r = s2.post("/seller/bulk/approve", bulk_form(s2, p2, [c], p))
    # The token was signed for seller1: refused before anything (t); with a token of their own it would be x.
    check(r.status == 303 and (r.header("location") or "")[-len(f"bulk?r={c}x"):] in (f"bulk?r={c}x", f"bulk?r={c}t"),
          "another shop's seller: the case is skipped", str(r.header("location")))
    check(mariadb(VAR, f"SELECT state FROM cases WHERE id = {c}").strip() == "requested",
          "another shop's bulk approval changed nothing")
    r = s2.get(r.header("location") or "/seller/bulk")
    rma_c = mariadb(VAR, f"SELECT rma_no FROM cases WHERE id = {c}").strip()
    check(r.status == 200 and f"case/{c}" not in r.text and rma_c not in r.text and "Skipped" in r.text,
          "the other shop's result page says skipped and names no case of Lotus Apparel")
    r = s2.get(f"/seller/bulk?r={c}d")
    check(r.status == 200 and rma_c not in r.text and "no such case" not in r.text and f"case/{c}" not in r.text,
          "a result URL made up with another shop's case id shows nothing of it")

    # A single approval of c first: the bulk then skips c and says why.
    single = form_fields(s1.get(f"/seller/case/{c}").text, "approve_refund")
    check(s1.post(f"/seller/case/{c}", single).status == 303, "the seller approves one case on its page")

    # Bulk approval of a, b and c races a single approval of a from a second session.
    s1b = Browser()
    s1b.login("/seller/", "seller1")
    single = form_fields(s1b.get(f"/seller/case/{a}").text, "approve_refund")
    form = bulk_form(s1, page, [a, b_, c], p)
    out = {}

    def fire(name, fn):
        out[name] = fn()

    th = [threading.Thread(target=fire, args=("bulk", lambda: s1.post("/seller/bulk/approve", form))),
          threading.Thread(target=fire, args=("single", lambda: s1b.post(f"/seller/case/{a}", single)))]
    for x in th:
        x.start()
    for x in th:
        x.join()
    loc = out["bulk"].header("location") or ""
    m = re.search(r"bulk\?r=(.*)$", loc)
    got = dict(re.findall(r"(\d+)([a-z])", m.group(1))) if m else {}
    check(out["bulk"].status == 303 and got.get(b_) == "d" and got.get(c) == "c" and got.get(a) in ("d", "c")
          and (got.get(a) == "d") == (out["single"].status == 409),
          "bulk racing a single approval: exactly one of them approves the raced case; the other case is done, "
          "the one decided before is skipped", f"{loc} single={out['single'].status}")
    refunds = mariadb(VAR, f"SELECT case_id, COUNT(*) FROM refunds WHERE case_id IN ({a}, {b_}, {c}) GROUP BY case_id")
    counts = dict(l.split("\t") for l in refunds.split("\n") if l)
    check(counts == {a: "1", b_: "1", c: "1"}, "one refund per case, whoever won", str(counts))

    r = s1.get(loc)
    check(r.status == 200 and "Approved" in r.text and "someone else, or its deadline, decided it first" in r.text
          and f"case/{b_}" in r.text, "the result page lists what was done and what was skipped and why")

    # The same bulk form again (a double click, the back button): no more money moves.
    r = s1.post("/seller/bulk/approve", form)
    refunds2 = mariadb(VAR, f"SELECT COUNT(*) FROM refunds WHERE case_id IN ({a}, {b_}, {c})").strip()
    check(r.status == 303 and refunds2 == "3", "a replayed bulk form refunds nothing twice", f"{r.status} {refunds2}")

    # Forms that carry nothing, or no CSRF token.
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = s1.post("/seller/bulk/approve", {"csrf": csrf})
    check(r.status == 400, "a bulk form with no case chosen is 400", str(r.status))
    r = s1.post("/seller/bulk/approve", {"case": a})
    check(r.status == 403, "a bulk form without the CSRF token is 403", str(r.status))
    r = s1.post("/seller/bulk/approve", [("csrf", csrf), ("case", a), (f"e{a}", "approve_refund"), (f"t{a}", "forged")])
    check(r.status == 303 and (r.header("location") or "").endswith(f"r={a}t"),
          "a forged token is skipped as an expired form", str(r.header("location")))




def addresses(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    s3 = Browser()
    s3.login("/seller/", "seller3")
    shop3 = mariadb(VAR, "SELECT shop_id FROM users WHERE login = 'seller3'").strip()
    r = s3.get("/seller/addresses")
    labels = mariadb(VAR, f"SELECT label FROM shop_addresses WHERE shop_id = {shop3} AND archived_at IS NULL").splitlines()
    check(r.status == 200 and labels and all(html.escape(x) in r.text for x in labels),
          "the seller sees the shop's return addresses", str(r.status))
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    new = {"csrf": csrf, "label": "Chengdu returns 成都退货仓", "recipient": "竹居 售后", "phone": "028-1234 5678",
           "address": "四川省成都市武侯区 测试路 1 号"}
    r = s3.post("/seller/addresses", new)
    check(r.status == 303 and r.header("location") == "/seller/addresses?done=added", "the seller adds an address",
          str(r.status))
    aid = mariadb(VAR, f"SELECT id FROM shop_addresses WHERE shop_id = {shop3} AND label = 'Chengdu returns 成都退货仓'").strip()
    check(aid != "" and "Chengdu returns" in s3.get("/seller/addresses?done=added").text, "the new address is listed")
    r = s3.post("/seller/addresses", dict(new, label=""))
    check(r.status == 422 and "short name" in r.text and "028-1234 5678" in r.text,
          "an address without a name is refused next to the form, the input kept", str(r.status))
    r = s3.post(f"/seller/address/{aid}", dict(new, do="edit", phone="028-8765 4321"))
    check(r.status == 303 and mariadb(VAR, f"SELECT phone FROM shop_addresses WHERE id = {aid}").strip() == "028-8765 4321",
          "the seller edits the address", str(r.status))
    r = s3.post(f"/seller/address/{aid}", {"csrf": csrf, "do": "default"})
    defaults = mariadb(VAR, f"SELECT id FROM shop_addresses WHERE shop_id = {shop3} AND is_default = 1").split()
    check(r.status == 303 and defaults == [aid], "the seller makes it the default: one default per shop", str(defaults))
    r = s3.post(f"/seller/address/{aid}", {"csrf": csrf, "do": "remove"})
    check(r.status == 422 and "cannot be removed" in r.text, "the default address cannot be removed", str(r.status))
    old = mariadb(VAR, f"SELECT id FROM shop_addresses WHERE shop_id = {shop3} AND id <> {aid} AND archived_at IS NULL "
                       "LIMIT 1").strip()
    s3.post(f"/seller/address/{old}", {"csrf": csrf, "do": "default"})
    r = s3.post(f"/seller/address/{aid}", {"csrf": csrf, "do": "remove"})
    check(r.status == 303 and mariadb(VAR, f"SELECT archived_at IS NOT NULL FROM shop_addresses WHERE id = {aid}").strip() == "1"
          and "Chengdu returns" not in s3.get("/seller/addresses").text,
          "a removed address is archived (cases keep their copy) and no longer listed", str(r.status))
    r = s3.post(f"/seller/address/{aid}", {"csrf": csrf, "do": "nonsense"})
    check(r.status == 400, "an unknown address action is 400", str(r.status))

    # Another shop's addresses: 404 for every action, nothing changes.
    s1 = Browser()
    s1.login("/seller/", "seller1")
    c1 = re.search(r'name="csrf" value="([^"]+)"', s1.get("/seller/addresses").text).group(1)
    before = mariadb(VAR, f"SELECT id, label, phone, is_default, archived_at FROM shop_addresses WHERE shop_id = {shop3} ORDER BY id")
    for do in ("edit", "remove", "default"):
        r = s1.post(f"/seller/address/{old}", dict(new, csrf=c1, do=do))
        check(r.status == 404, f"another shop's seller: {do} of an address of Bamboo Home is 404", str(r.status))
    check(mariadb(VAR, f"SELECT id, label, phone, is_default, archived_at FROM shop_addresses WHERE shop_id = {shop3} ORDER BY id") == before,
          "another shop's seller changed none of Bamboo Home's addresses", before)
    check("成都" not in s1.get("/seller/addresses").text and "竹居" not in s1.get("/seller/addresses").text,
          "a seller sees only their own shop's addresses")
    r = s1.post("/seller/address/999999", {"csrf": c1, "do": "default"})
    check(r.status == 404, "an address that does not exist is 404", str(r.status))


def open_lotus_return(t):
    """Opens a return-and-refund request (seven days, no reason) on a delivered Lotus Apparel order; its id or None."""
    Browser, VAR = t["Browser"], t["VAR"]
    for i in range(2, 20):
        b = Browser()
        b.login("/buyer/", f"buyer{i}")
        for order in orders_where(b, "Lotus"):
            r = b.post("/buyer/case/new", open_request(b, order, "return_refund", "yes", "no_reason_7d"))
            loc = r.header("location") or ""
            if r.status == 303 and "/case/" in loc:
                cid = loc.rsplit("/", 1)[-1]
                if mariadb(VAR, f"SELECT state FROM cases WHERE id = {cid}").strip() == "requested":
                    return cid, b
    return None, None


def approve_to_address(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    s1 = Browser()
    s1.login("/seller/", "seller1")
    page = s1.get("/seller/addresses").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    s1.post("/seller/addresses", {"csrf": csrf, "label": "Shanghai returns 上海退货点", "recipient": "莲花 上海",
                                  "phone": "021-5555 0000", "address": "上海市浦东新区 测试路 2 号"})
    second = mariadb(VAR, "SELECT id FROM shop_addresses WHERE shop_id = 1 AND label = 'Shanghai returns 上海退货点'").strip()
    default = mariadb(VAR, "SELECT id FROM shop_addresses WHERE shop_id = 1 AND is_default = 1").strip()
    foreign = mariadb(VAR, "SELECT id FROM shop_addresses WHERE shop_id = 3 LIMIT 1").strip()
    cid, buyer = open_lotus_return(t)
    check(cid is not None, "a buyer asks Lotus Apparel to take goods back")
    if cid is None:
        return
    page = s1.get(f"/seller/case/{cid}").text
    opts = re.findall(r'<option value="(\d+)"( selected)?>', page.split('name="address"')[1].split("</select>")[0]) \
        if 'name="address"' in page else []
    check(second in [o for o, _ in opts] and [o for o, sel in opts if sel] == [default],
          "approving a return offers the shop's addresses, the default preselected", str(opts))
    f = form_fields(page, "approve_return")
    r = s1.post(f"/seller/case/{cid}", dict(f, address=foreign))
    check(r.status == 422 and "Choose one of the shop" in r.text
          and mariadb(VAR, f"SELECT state FROM cases WHERE id = {cid}").strip() == "requested",
          "another shop's address is refused and nothing changes", str(r.status))
    r = s1.post(f"/seller/case/{cid}", dict(f, address=second))
    got = mariadb(VAR, f"SELECT state, return_address_id, return_address_snapshot FROM cases WHERE id = {cid}").strip().split("\t")
    check(r.status == 303 and got[:2] == ["awaiting_return", second] and "测试路 2 号" in got[2],
          "the seller approves the return to the second address", f"{r.status} {got}")
    check("测试路 2 号" in buyer.get(f"/buyer/case/{cid}").text, "the buyer's page shows the chosen return address")
    r = s1.post(f"/seller/case/{cid}", dict(f, address=second))
    check(mariadb(VAR, f"SELECT COUNT(*) FROM timeline WHERE case_id = {cid} AND event = 'approve_return'").strip() == "1",
          "the approval form sent again approves nothing more", str(r.status))


def refuse_with_reason(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    cid, _ = open_lotus_return(t)
    check(cid is not None, "a request waits for Lotus Apparel to refuse it")
    if cid is None:
        return
    s1 = Browser()
    s1.login("/seller/", "seller1")
    page = s1.get(f"/seller/case/{cid}").text
    form = page.split('name="event" value="reject"')[1].split("</form>")[0] if 'value="reject"' in page else ""
    check('name="refusal"' in form and 'value="evidence"' in form and "The photos do not show the problem" in form,
          "the refuse form offers the reasons from the list")
    f = form_fields(page, "reject")
    r = s1.post(f"/seller/case/{cid}", dict(f, refusal="made_up", note="Because"))
    check(r.status == 422 and "Choose a reason from the list." in r.text
          and mariadb(VAR, f"SELECT state FROM cases WHERE id = {cid}").strip() == "requested",
          "a reason that is not on the list is refused, nothing changes", str(r.status))
    r = s1.post(f"/seller/case/{cid}", dict(f, refusal="evidence", note="The photo shows another item."))
    got = mariadb(VAR, f"SELECT c.state, c.refuse_reason, t.rule, t.note FROM cases c JOIN timeline t ON t.case_id = c.id "
                       f"AND t.event = 'reject' WHERE c.id = {cid}").strip().split("\t")
    check(r.status == 303 and got == ["rejected", "evidence", "evidence", "The photo shows another item."],
          "the seller refuses with a reason from the list and an explanation: stored on the case and its timeline", str(got))
    b = Browser()
    buyer = mariadb(VAR, f"SELECT u.login FROM cases c JOIN users u ON u.id = c.buyer_id WHERE c.id = {cid}").strip()
    b.login("/buyer/", buyer)
    check("The photos do not show the problem" in b.get(f"/buyer/case/{cid}").text,
          "the buyer reads the reason on the timeline")
    zh = Browser(language="zh-CN")
    zh.login("/buyer/", buyer)
    check("照片未能显示所述问题" in zh.get(f"/buyer/case/{cid}").text, "the reason is shown in Chinese too")


def run(t):
    queue(t)
    bulk(t)
    addresses(t)
    approve_to_address(t)
    refuse_with_reason(t)
    compensation(t)
    statistics(t)


def compensation(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    cid, buyer = open_lotus_return(t)
    check(cid is not None, "a request waits for Lotus Apparel to offer a settlement")
    if cid is None:
        return
    s1 = Browser()
    s1.login("/seller/", "seller1")
    page = s1.get(f"/seller/case/{cid}").text
    check('name="comp_kind"' in page and 'value="coupon"' in page and 'value="postage_refund"' in page,
          "the offer form has structured compensation: coupon, gift, free shipping, return postage")
    f = form_fields(page, "offer")
    requested = int(mariadb(VAR, f"SELECT requested_cents FROM cases WHERE id = {cid}").strip())
    part = f"{requested // 200}.00"
    r = s1.post(f"/seller/case/{cid}", dict(f, amount=part, comp_kind="coupon", comp_value=""))
    check(r.status == 422 and "value of the coupon" in r.text and 'value="coupon" selected' in r.text,
          "a coupon without a value is refused, the choice kept", str(r.status))
    r = s1.post(f"/seller/case/{cid}", dict(f, amount=part, comp_kind="gift", comp_code="X1"))
    check(r.status == 422, "a gift with a coupon code (or without a description) is refused", str(r.status))
    r = s1.post(f"/seller/case/{cid}", dict(f, amount=part, comp_kind="voucher"))
    check(r.status == 422 and mariadb(VAR, f"SELECT COUNT(*) FROM compensations WHERE case_id = {cid}").strip() == "0",
          "a kind not on the list is refused and nothing is stored", str(r.status))
    r = s1.post(f"/seller/case/{cid}", dict(f, amount=part, note="Half back and a coupon", comp_kind="coupon",
                                           comp_value="20", comp_code="LOTUS20", comp_expires="2030-12-31"))
    row = mariadb(VAR, f"SELECT k.kind, k.value_cents, k.coupon_code, k.expires_on, o.status FROM compensations k "
                       f"JOIN offers o ON o.id = k.offer_id WHERE k.case_id = {cid}").strip().split("\t")
    check(r.status == 303 and row == ["coupon", "2000", "LOTUS20", "2030-12-31", "open"],
          "the seller offers a partial refund and a coupon: one row of compensations with the offer", f"{r.status} {row}")
    page = buyer.get(f"/buyer/case/{cid}").text
    check("Coupon" in page and "LOTUS20" in page and "2030-12-31" in page and "20.00" in page
          and "with compensation: Coupon" in page, "the buyer's page shows the coupon offered, also on the timeline")
    check(mariadb(VAR, f"SELECT rule FROM timeline WHERE case_id = {cid} AND event = 'offer'").strip() == "coupon",
          "the offer's timeline row names the compensation")
    acc = form_fields(page, "accept_offer")
    r = buyer.post(f"/buyer/case/{cid}", acc)
    check(r.status == 303 and mariadb(VAR, f"SELECT o.status FROM compensations k JOIN offers o ON o.id = k.offer_id "
                                           f"WHERE k.case_id = {cid}").strip() == "accepted",
          "the buyer accepts: the compensation is recorded as accepted", str(r.status))
    check("(accepted)" in s1.get(f"/seller/case/{cid}").text, "the seller's page shows the coupon accepted")
    other = Browser()
    other.login("/seller/", "seller2")
    check(other.get(f"/seller/case/{cid}").status == 404, "another shop's seller cannot see the case or its compensation")


def statistics(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    # The statistics read the worker's figures per shop and day (sql/015),
    # as of its last pass; no worker runs here: bring them up to date.
    subprocess.run([DESKCTL, "recount"], capture_output=True, text=True, check=True)
    s1 = Browser()
    s1.login("/seller/", "seller1")
    r = s1.get("/seller/stats?from=2000-01-01&to=2100-12-31")
    check(r.status == 200 and "<svg" in r.text, "the statistics page draws its chart as SVG on the server", str(r.status))
    want = {}
    for line in mariadb(VAR, "SELECT reason_code, COUNT(*), SUM(state = 'refunded'), SUM(refunded_cents) FROM cases "
                             "WHERE shop_id = 1 GROUP BY reason_code").splitlines():
        code, n, refunded, cents = line.split("\t")
        want[code] = (n, refunded, cents)
    got = {}
    for code, n, refunded in re.findall(r'<tr data-reason="([^"]+)"><td>[^<]*</td><td class="num">(\d+)</td>\s*'
                                        r'<td class="num">(\d+)</td>', r.text):
        got[code] = (n, refunded)
    check(got == {k: v[:2] for k, v in want.items()}, "cases and refunds by reason equal the database", f"{got} {want}")
    c = s1.get("/seller/stats/csv?table=reasons&from=2000-01-01&to=2100-12-31")
    rows = c.body.decode("utf-8-sig").splitlines()
    check(c.status == 200 and c.body.startswith(b"\xef\xbb\xbf") and "text/csv" in (c.header("content-type") or "")
          and rows[0] == "reason,label_en,label_zh,cases,refunded,refunded_cents",
          "the reasons table downloads as CSV in UTF-8 with a BOM", str(c.status))
    csv_got = {l.split(",")[0].strip('"'): tuple(l.rsplit(",", 3)[1:]) for l in rows[1:]}
    check(csv_got == want, "the CSV figures equal the database, amounts in cents", f"{csv_got} {want}")
    check(any("质量" in l or "七天" in l or "不想要" in l for l in rows), "the CSV carries the Chinese labels")
    sku_want = {}
    for line in mariadb(VAR, "SELECT l.sku, COUNT(*) FROM cases c JOIN case_lines cl ON cl.case_id = c.id "
                             "JOIN order_lines l ON l.id = cl.order_line_id WHERE c.shop_id = 1 GROUP BY l.sku").splitlines():
        sku, n = line.split("\t")
        sku_want[sku] = n
    c = s1.get("/seller/stats/csv?table=skus&from=2000-01-01&to=2100-12-31")
    sku_got = {l.split(",")[0].strip('"'): l.split(",")[-2] for l in c.body.decode("utf-8-sig").splitlines()[1:]
               if l.split(",")[-2] != "0"}
    check(sku_got == sku_want, "lines in cases by SKU equal the database", f"{sku_got} {sku_want}")
    c = s1.get("/seller/stats/csv?table=comps&from=2000-01-01&to=2100-12-31")
    comp_want = mariadb(VAR, "SELECT k.kind, COUNT(*), SUM(o.status = 'accepted'), SUM(IF(o.status = 'accepted', "
                             "k.value_cents, 0)) FROM compensations k JOIN offers o ON o.id = k.offer_id "
                             "JOIN cases c ON c.id = k.case_id WHERE c.shop_id = 1 GROUP BY k.kind").strip()
    comp_got = "\n".join(l.replace('"', "").replace(",", "\t") for l in c.body.decode("utf-8-sig").splitlines()[1:])
    check(comp_want and comp_got == comp_want, "compensation given (the accepted coupon) equals the database",
          f"{comp_got!r} {comp_want!r}")
    dl = mariadb(VAR, "SELECT COUNT(*) FROM cases c JOIN timeline t ON t.case_id = c.id WHERE c.shop_id = 1 "
                      "AND t.event = 'deadline' AND t.from_state = 'requested'").strip()
    check(f'<b class="deadline-approvals">{dl}</b>' in r.text, "requests approved by the deadline are counted", dl)
    # Another shop sees only its own figures.
    s2 = Browser()
    s2.login("/seller/", "seller2")
    c = s2.get("/seller/stats/csv?table=skus&from=2000-01-01&to=2100-12-31")
    lotus = set(sku_want)
    check(c.status == 200 and not lotus & {l.split(",")[0].strip('"') for l in c.body.decode("utf-8-sig").splitlines()[1:]},
          "another shop's statistics show none of Lotus Apparel's products")
    c = s2.get("/seller/stats/csv?table=comps&from=2000-01-01&to=2100-12-31")
    check(c.body.decode("utf-8-sig").splitlines()[1:] == [], "another shop's CSV shows none of Lotus Apparel's compensation")
    check(s1.get("/seller/stats/csv?table=users").status == 400, "an unknown CSV table is 400")
