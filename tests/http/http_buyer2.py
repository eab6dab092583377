#!/usr/bin/env python3
"""tests/http/http_buyer2.py: the buyer's side, second round (issue 8), through the live programs.

Run by tests/http/buyer2.test with the base URL and the run-time folder of a
server started on a seeded private database of its own. Prints TAP.
"""
import html
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from http_cases import act, form_fields, open_request  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
DAY = 86400
results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def sql(q):
    return deskhttp.sql(VAR, q).strip()


class Browser(deskhttp.Browser):
    """A client of the server under test."""

    def __init__(self, language=None):
        super().__init__(BASE, language=language)


def set_clock(secs):
    with open(os.path.join(VAR, "clock-offset"), "w") as fh:
        fh.write(str(secs))


def text(r):
    """The start of a response's words, for a failure's detail."""
    return re.sub(r"<[^>]+>|\s+", " ", r.text)[:400]


def order_of(login, where):
    """An order of login matching where (SQL on o) with no case on any line, or None."""
    return sql(f"""SELECT o.id FROM orders o JOIN users u ON u.id = o.buyer_id
        WHERE u.login = '{login}' AND {where}
          AND NOT EXISTS (SELECT 1 FROM case_lines c WHERE c.order_id = o.id)
        ORDER BY o.id LIMIT 1""") or None


def case_of(r):
    loc = r.header("location") or ""
    return loc.rsplit("/", 1)[-1] if r.status == 303 and "/case/" in loc else None


# ---- 1. "Not received" counts from the expected delivery date.
def expected_window():
    oid = order_of("buyer12", "o.shipped_at IS NOT NULL AND o.delivered_at IS NULL")
    check(oid, "the demo has an undelivered order of buyer12")
    # Promised for today: the policy's 7 days run from today, delivered or not.
    sql(f"UPDATE orders SET expected_delivery_at = UTC_TIMESTAMP() WHERE id = {oid}")
    try:
        set_clock(8 * DAY)
        b = Browser()
        b.login("/buyer/", "buyer12")
        f = open_request(b, oid, "refund_only", "no", "not_received")
        for lid in sql(f"SELECT id FROM order_lines WHERE order_id = {oid}").split():
            f["line_" + lid] = "1"
        r = b.post("/buyer/case/new", f)
        check(r.status == 422 and "counts from the expected delivery date" in r.text,
              "8 days after the expected delivery date 'not received' is refused, the window named",
              f"{r.status} {text(r)}")
        set_clock(6 * DAY)
        b = Browser()
        b.login("/buyer/", "buyer12")
        resp = b.get("/buyer/")
        page = resp.text
        card = page.split(f"order={oid}\"")[0].rsplit("<article", 1)[-1]
        check(re.search(r"You can ask for up to [^<]* until \d\d \w{3} \d{4} \d\d:\d\d UTC\+8", card),
              "6 days on, the orders page gives the end of the window, with its zone", f"{resp.status} {card[-600:]}")
        r = b.post("/buyer/case/new", open_request(b, oid, "refund_only", "no", "not_received"))
        check(r.status == 303, "6 days after the expected delivery date 'not received' is taken", f"{r.status} {text(r)}")
    finally:
        set_clock(0)
    # Without an expected date an undelivered parcel has no window, 60 days on.
    oid = order_of("buyer13", "o.shipped_at IS NOT NULL AND o.delivered_at IS NULL")
    if oid:
        sql(f"UPDATE orders SET expected_delivery_at = NULL WHERE id = {oid}")
        try:
            set_clock(60 * DAY)
            b = Browser()
            b.login("/buyer/", "buyer13")
            r = b.post("/buyer/case/new", open_request(b, oid, "refund_only", "no", "not_received"))
            check(r.status == 303, "with no expected date an undelivered parcel stays refundable 60 days on",
                  f"{r.status} {text(r)}")
        finally:
            set_clock(0)


# ---- 3. The case page: the buyer's next step is the one primary button; "In this case" after a ruling.
def action_kinds(page):
    """(event, details classes, open, button class) of each action form of a case page."""
    out = []
    for cls, opn, body in re.findall(r'<details class="([^"]+)"( open)?>(.*?)</details>', page, re.S):
        ev = re.search(r'name="event" value="(\w+)"', body)
        btn = re.search(r'<button type="submit" class="([^"]+)"', body)
        out.append((ev.group(1) if ev else "", cls, bool(opn), btn.group(1) if btn else ""))
    return out


def next_step():
    for state, want in (("offered", "accept_offer"), ("awaiting_return", "ship_return"), ("rejected", "escalate")):
        row = sql(f"""SELECT c.id, u.login FROM cases c JOIN users u ON u.id = c.buyer_id
            WHERE c.state = '{state}' ORDER BY c.id LIMIT 1""").split()
        if len(row) != 2:
            continue
        b = Browser()
        b.login("/buyer/", row[1])
        kinds = action_kinds(b.get(f"/buyer/case/{row[0]}").text)
        prim = [k for k in kinds if "action-next" in k[1]]
        others = [k for k in kinds if "action-next" not in k[1] and "action-danger" not in k[1]]
        check(len(prim) == 1 and prim[0][0] == want and prim[0][3] == "button primary"
              and all(k[3] == "button secondary" for k in others),
              f"a case {state}: '{want}' is the one primary button; the others are secondary", str(kinds))
    # The seller's page has its own next decision (http_seller2 checks it), never the buyer's marker.
    row = sql("SELECT c.id, u.login FROM cases c JOIN users u ON u.shop_id = c.shop_id AND u.role = 'seller' "
              "WHERE c.state = 'requested' ORDER BY c.id LIMIT 1").split()
    if len(row) == 2:
        s = Browser()
        s.login("/seller/", row[1])
        kinds = action_kinds(s.get(f"/seller/case/{row[0]}").text)
        check(kinds and not any("action-next" in k[1] for k in kinds),
              "the seller's case page carries no buyer's next-step marker", str(kinds))


def ruled_in_this_case():
    row = sql("""SELECT c.id, u.login, c.requested_cents FROM cases c JOIN users u ON u.id = c.buyer_id
        WHERE c.state = 'escalated' ORDER BY c.id LIMIT 1""").split()
    check(len(row) == 3, "the demo has an escalated case")
    if len(row) != 3:
        return
    case, login, asked = row[0], row[1], int(row[2])
    ruled = max(asked // 4, 1)
    a = Browser()
    a.login("/admin/", "admin")
    r = act(a, "/admin/", case, "rule_partial", amount=f"{ruled // 100}.{ruled % 100:02d}", note="Half the damage")
    b = Browser()
    b.login("/buyer/", login)
    page = b.get(f"/buyer/case/{case}").text
    cells = re.findall(r'data-label="In this case">[^<\d]*([\d,]+\.\d\d)</td>', page)
    total = sum(int(c.replace(",", "").replace(".", "")) for c in cells)
    check(r is not None and r.status == 303 and total == ruled,
          "after a partial ruling 'In this case' shows the ruled amount, not the one asked",
          f"{r.status if r else None} asked={asked} ruled={ruled} cells={cells}")
    steps = re.findall(r'<li class="step step-(\w+)"', page)
    check(steps[:2] == ["done", "done"], "the step bar shows the ruling as approved", str(steps))


# ---- 4. Chinese buyer pages: no English words or raw codes; times carry their zone.
def words_of(page):
    """The Latin words a reader sees on page (text and the attributes read aloud), data taken out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<a [^>]*lang="en"[^>]*>English</a>', " ", page)  # the language switch
    seen = " ".join(re.findall(r'(?:alt|title|aria-label|placeholder)="([^"]*)"', page))
    body = re.sub(r"<[^>]+>", " ", page) + " " + seen
    return set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", html.unescape(body)))


def chinese_pages():
    data = set()
    for q in ("SELECT title FROM order_lines", "SELECT sku FROM order_lines", "SELECT variant FROM order_lines",
              "SELECT name FROM shops", "SELECT order_no FROM orders", "SELECT rma_no FROM cases",
              "SELECT login FROM users", "SELECT display_name FROM users", "SELECT description FROM cases",
              "SELECT note FROM timeline", "SELECT address FROM shop_addresses", "SELECT label FROM shop_addresses",
              "SELECT original_name FROM evidence", "SELECT variant_options FROM order_lines",
              "SELECT ship_waybill FROM orders WHERE ship_waybill IS NOT NULL",
              "SELECT waybill FROM return_shipments"):
        for v in sql(q).splitlines():
            data |= set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", v))
    allowed = {a.lower() for a in data | {"UTC", "JPEG", "PNG", "WebP", "RMA", "SKU", "refund", "desk"}}
    for login in sql("SELECT DISTINCT u.login FROM users u JOIN cases c ON c.buyer_id = u.id ORDER BY u.id").split():
        zh = Browser(language="zh-CN,zh;q=0.9")
        zh.login("/buyer/", login)
        cases = sql(f"SELECT c.id FROM cases c JOIN users u ON u.id = c.buyer_id WHERE u.login = '{login}'").split()
        paths = [f"/buyer/case/{c}" for c in cases]
        if login == "buyer2":
            oid = sql(f"SELECT o.id FROM orders o JOIN users u ON u.id = o.buyer_id WHERE u.login = '{login}' LIMIT 1")
            paths += ["/buyer/", "/buyer/cases", "/buyer/policy", f"/buyer/case/new?order={oid}"]
        for p in paths:
            r = zh.get(p)
            left = sorted(w for w in words_of(r.text) if w.lower() not in allowed)
            check(r.status == 200 and not left, f"the Chinese page {p.split('?')[0]} has no English words or raw codes",
                  f"{r.status} {left}")
            if re.match(r"/buyer/case/\d+$", p):
                check(re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC([+-]\d{1,2}(:\d\d)?)?<", r.text),
                      f"the Chinese page {p} gives its times with their zone")

# ---- 6. An exchange names the wanted variant from the line's list.
def exchange_variant():
    row = sql("""SELECT o.id, u.login, l.id FROM orders o JOIN users u ON u.id = o.buyer_id
        JOIN order_lines l ON l.order_id = o.id
        WHERE o.delivered_at IS NOT NULL AND l.variant_options IS NOT NULL AND u.login IN ('buyer9', 'buyer10')
          AND NOT EXISTS (SELECT 1 FROM case_lines c WHERE c.order_id = o.id)
        ORDER BY o.id LIMIT 1""").split()
    check(len(row) == 3, "the demo has a delivered line with variants")
    if len(row) != 3:
        return
    oid, login, lid = row
    sql(f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY, "
        f"expected_delivery_at = NULL WHERE id = {oid}")
    opts = sql(f"SELECT REPLACE(variant_options, '\\n', '|') FROM order_lines WHERE id = {lid}").split("|")
    b = Browser()
    b.login("/buyer/", login)
    form = b.get(f"/buyer/case/new?order={oid}&line={lid}").text
    shown = re.findall(r'<option value="([^"]*)"[^>]*>[^<]*</option>', form.split('id="variant"')[1].split("</select>")[0]) \
        if 'id="variant"' in form else []
    check([o for o in shown if o] and set(o for o in shown if o) <= set(opts),
          "the request form offers the line's variants for an exchange", f"{shown} {opts}")

    def send(variant):
        f = open_request(b, oid, "exchange", "yes", "no_reason_7d")
        for k in [k for k in f if k.startswith("line_")]:
            del f[k]
        f["line_" + lid] = "1"
        if variant is not None:
            f["variant"] = variant
        return b.post("/buyer/case/new", f)
    r = send(None)
    check(r.status == 422 and 'id="variant-error"' in r.text and 'aria-describedby="variant-error"' in r.text,
          "an exchange of a line with variants without one is refused next to the field", f"{r.status} {text(r)}")
    r = send("紫色 XXXL")
    check(r.status == 422 and 'id="variant-error"' in r.text, "a variant not in the line's list is refused",
          f"{r.status}")
    want = opts[-1]
    r = send(want)
    case = case_of(r)
    check(case and sql(f"SELECT exchange_variant FROM cases WHERE id = {case}") == want,
          "a variant from the list is stored on the case", f"{r.status} {text(r)}")
    page = b.get(f"/buyer/case/{case}").text
    check(f'<dd class="wanted">{want}</dd>' in page, "the buyer's case page names the variant wanted")
    seller = sql(f"SELECT u.login FROM users u JOIN cases c ON c.shop_id = u.shop_id "
                 f"WHERE c.id = {case} AND u.role = 'seller' LIMIT 1")
    s = Browser()
    s.login("/seller/", seller)
    check(f'<dd class="wanted">{want}</dd>' in s.get(f"/seller/case/{case}").text,
          "the seller's case page names it too")
    # A refund on the same kind of line ignores the field.
    check(sql(f"SELECT COUNT(*) FROM cases WHERE exchange_variant IS NOT NULL AND type <> 'exchange'") == "0",
          "only exchanges carry a variant")


# ---- 5. Return postage where the seller pays it: capped, refunded with the goods, apart in the ledger.
DESKCTL = os.path.join(os.environ.get("DESK_BUILDDIR", "."), "tools", "deskctl")


def open_with_photo(b, oid, typ, reason):
    from http_cases import multipart, png
    f = open_request(b, oid, typ, "yes", reason)
    body, ctype = multipart(f, [("photos", "crack.png", "image/png", png(40, 30, (200, 0, 0)))])
    return b.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})


def return_postage():
    oid = order_of("buyer8", "o.delivered_at IS NOT NULL")
    sql(f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY, expected_delivery_at = NULL WHERE id = {oid}")
    b = Browser()
    b.login("/buyer/", "buyer8")
    r = open_with_photo(b, oid, "return_refund", "quality")
    case = case_of(r)
    check(case, "a return for a quality problem opens (the seller pays return shipping)", f"{r.status} {text(r)}")
    if not case:
        return
    seller = sql(f"SELECT u.login FROM users u JOIN cases c ON c.shop_id = u.shop_id "
                 f"WHERE c.id = {case} AND u.role = 'seller' LIMIT 1")
    s = Browser()
    s.login("/seller/", seller)
    r = act(s, "/seller/", case, "approve_return")
    check(r is not None and r.status == 303, "the seller asks for the goods back", str(r and r.status))
    page = b.get(f"/buyer/case/{case}").text
    check('name="postage"' in page and "(at most 20.00)" in page,
          "the buyer's ship-back form asks for the postage paid, with the policy's cap")
    r = act(b, "/buyer/", case, "ship_return", carrier="SF", waybill="SF1400000001", postage="25.00")
    check(r is not None and r.status == 422 and 'aria-invalid="true" aria-describedby="error-ship_return"' in r.text
          and "more than the return policy refunds" in r.text and 'value="25.00"' in r.text,
          "postage above the policy's cap is refused next to the field, the input kept",
          f"{r and r.status} {text(r) if r else ''}")
    check(sql(f"SELECT CONCAT(state, ' ', return_postage_cents) FROM cases WHERE id = {case}") == "awaiting_return 0",
          "... and nothing is recorded")
    r = act(b, "/buyer/", case, "ship_return", carrier="SF", waybill="SF1400000001", postage="12.00")
    check(r is not None and r.status == 303, "postage under the cap is taken with the waybill", str(r and r.status))
    r = act(s, "/seller/", case, "confirm_receipt")
    check(r is not None and r.status == 303, "the seller confirms the goods arrived", str(r and r.status))
    row = sql(f"""SELECT r.amount_cents, r.postage_cents, r.status, c.refunded_cents, c.approved_cents, c.state
        FROM refunds r JOIN cases c ON c.id = r.case_id WHERE r.case_id = {case}""").split()
    check(len(row) == 6 and int(row[0]) == int(row[4]) + 1200 and row[1] == "1200" and row[2] == "succeeded"
          and row[3] == row[4] and row[5] == "refunded",
          "the ledger row pays goods plus postage, the postage apart; the case counts the goods only", str(row))
    lines = sql(f"""SELECT SUM(l.refunded_cents), SUM(l.paid_cents) FROM order_lines l WHERE l.order_id = {oid}""").split()
    check(len(row) == 6 and lines and int(lines[0]) == int(row[3]) and int(lines[0]) <= int(lines[1]),
          "the order lines count the goods only, within what was paid", f"{lines} {row}")
    tl = sql(f"SELECT CONCAT(event, ' ', COALESCE(rule, ''), ' ', amount_cents) FROM timeline "
             f"WHERE case_id = {case} AND event IN ('ship_return', 'refund_succeeded') ORDER BY id").splitlines()
    check(len(tl) == 3 and tl[0] == "ship_return  1200" and tl[1].startswith("refund_succeeded  ")
          and tl[2] == "refund_succeeded return_postage 1200",
          "the timeline shows the postage with the waybill, then the goods' refund and the postage's apart", str(tl))
    page = b.get(f"/buyer/case/{case}").text
    check('class="num postage"' in page and "the return postage, paid back with the goods" in page,
          "the case page shows the postage refunded, apart from the goods")
    rec = subprocess.run([DESKCTL, "reconcile"], capture_output=True, text=True)
    check(rec.returncode == 0 and "reconcile: 0 problems" in rec.stdout, "deskctl reconcile finds the ledger whole",
          rec.stdout + rec.stderr)
    # Reconcile tells the postage apart: a postage the case does not carry is a breach.
    sql(f"UPDATE cases SET return_postage_cents = 1100 WHERE id = {case}")
    rec = subprocess.run([DESKCTL, "reconcile"], capture_output=True, text=True)
    check(rec.returncode != 0 and "refund postage differs from its case" in rec.stdout,
          "reconcile names a ledger postage that differs from the case's", rec.stdout)
    sql(f"UPDATE cases SET return_postage_cents = 1200 WHERE id = {case}")
    # Where the buyer pays return shipping there is no postage to claim.
    oid = order_of("buyer8", "o.delivered_at IS NOT NULL")
    sql(f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY, expected_delivery_at = NULL WHERE id = {oid}")
    r = b.post("/buyer/case/new", open_request(b, oid, "return_refund", "yes", "no_reason_7d"))
    case = case_of(r)
    if case:
        seller = sql(f"SELECT u.login FROM users u JOIN cases c ON c.shop_id = u.shop_id "
                     f"WHERE c.id = {case} AND u.role = 'seller' LIMIT 1")
        s = Browser()
        s.login("/seller/", seller)
        act(s, "/seller/", case, "approve_return")
        page = b.get(f"/buyer/case/{case}").text
        check('value="ship_return"' in page and 'name="postage"' not in page,
              "a reason where the buyer pays return shipping offers no postage field")
        r = act(b, "/buyer/", case, "ship_return", carrier="SF", waybill="SF1400000002", postage="5.00")
        check(r is not None and r.status == 422 and "where the seller pays return shipping" in r.text,
              "... and a postage sent anyway is refused", str(r and r.status))
        r = act(b, "/buyer/", case, "message", note="hello", postage="5.00")
        check(r is not None and r.status == 422 and "does not take return postage" in r.text,
              "a message cannot carry a postage", str(r and r.status))


# ---- 2. Item pictures: safe ones shown with the title as alt text, unsafe ones never.
def pictures():
    row = sql("""SELECT o.id, u.login, l.id, l.picture_url, l.title FROM orders o JOIN users u ON u.id = o.buyer_id
        JOIN order_lines l ON l.order_id = o.id
        WHERE l.picture_url LIKE '/static/items/%' AND u.login = 'buyer11' ORDER BY o.id LIMIT 1""").split("\t")
    check(len(row) == 5, "the demo gives buyer11 a line with a picture", str(row))
    if len(row) != 5:
        return
    oid, login, lid, url, title = row
    b = Browser()
    b.login("/buyer/", login)
    esc = html.escape(title, quote=True)
    page = b.get("/buyer/").text
    check(f'<img class="item-picture" src="{url}" alt="{esc}"' in page, "the orders page shows the item's picture, alt = title")
    form = b.get(f"/buyer/case/new?order={oid}&line={lid}").text
    check(f'src="{url}" alt="{esc}"' in form, "the request form shows it beside the item")
    r = b.get(url)
    check(r.status == 200 and b"<svg" in r.body, "the picture is served from static/", str(r.status))
    # Unsafe addresses are never drawn.
    for bad in ("javascript:alert(1)", "http://evil.example/x.png", "/static/../etc/passwd",
                "https://x.example/a\"onerror=\"alert(1)", "//evil.example/x.png", "data:image/svg+xml,<svg>"):
        sql(f"UPDATE order_lines SET picture_url = '{bad}' WHERE id = {lid}".replace("\\", "\\\\"))
        page = b.get("/buyer/").text
        form = b.get(f"/buyer/case/new?order={oid}&line={lid}").text
        check(f'alt="{esc}"' not in page and f'alt="{esc}"' not in form and "evil.example" not in page
              and "javascript:" not in page, f"an unsafe picture address is not shown ({bad})")
    # A picture the shop platform hosts (https) is drawn, and the page's CSP lets the browser load it.
    sql(f"UPDATE order_lines SET picture_url = 'https://img.shop.example/p/1.jpg' WHERE id = {lid}")
    r = b.get("/buyer/")
    csp = dict(r.headers).get("content-security-policy", "")
    img = re.search(r"img-src ([^;]*)", csp)
    check('src="https://img.shop.example/p/1.jpg"' in r.text and img and "https:" in img.group(1).split(),
          "a picture on the shop platform's https host is drawn and allowed by the page's img-src", csp)
    sql(f"UPDATE order_lines SET picture_url = '{url}' WHERE id = {lid}")
    # The case page, for the buyer and the seller.
    sql(f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY, expected_delivery_at = NULL WHERE id = {oid}")
    f = open_request(b, oid, "return_refund", "yes", "no_reason_7d")
    for k in [k for k in f if k.startswith("line_")]:
        del f[k]
    f["line_" + lid] = "1"
    case = case_of(b.post("/buyer/case/new", f))
    check(case and f'src="{url}" alt="{esc}"' in b.get(f"/buyer/case/{case}").text,
          "the case page shows the item's picture")


expected_window()
next_step()
ruled_in_this_case()
chinese_pages()
exchange_variant()
return_postage()
pictures()

deskhttp.print_results(results)
sys.exit(0)
