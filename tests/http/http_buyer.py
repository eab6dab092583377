#!/usr/bin/env python3
"""tests/http/http_buyer.py: the buyer's rules of issue 8 through the live programs.

Windows counted from the right moment (with the programs' clock moved),
"not received" on a delivered order not fast-tracked, bad numbers refused.
Imported by tests/http/http_test.py, which owns the TAP output.
"""
import re

from http_cases import mariadb, open_request

DAY = 86400


def order_of(VAR, login, where):
    """An order of login matching where (SQL on o) with no case on any line, or None."""
    out = mariadb(VAR, f"""SELECT o.id FROM orders o JOIN users u ON u.id = o.buyer_id
        WHERE u.login = '{login}' AND {where}
          AND NOT EXISTS (SELECT 1 FROM case_lines c WHERE c.order_id = o.id)
        ORDER BY o.id LIMIT 1""").strip()
    return out or None


def text(r):
    """The start of a response's words, for a failure's detail."""
    return re.sub(r"<[^>]+>|\s+", " ", r.text)[:300]


def set_clock(VAR, secs):
    with open(f"{VAR}/clock-offset", "w") as fh:
        fh.write(str(secs))


def windows(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    unshipped = order_of(VAR, "buyer16", "o.shipped_at IS NULL")
    undelivered = order_of(VAR, "buyer17", "o.shipped_at IS NOT NULL AND o.delivered_at IS NULL")
    delivered = order_of(VAR, "buyer18", "o.delivered_at IS NOT NULL")
    check(unshipped and undelivered and delivered, "the demo has unshipped, undelivered and delivered orders",
          f"{unshipped} {undelivered} {delivered}")
    try:
        # 40 days on: every 7- and 15-day window counted from payment has passed.
        set_clock(VAR, 40 * DAY)
        b = Browser()
        b.login("/buyer/", "buyer16")
        r = b.post("/buyer/case/new", open_request(b, unshipped, "refund_only", "no", "changed_mind_unshipped"))
        check(r.status == 303, "40 days after payment an order still unshipped can be refunded (no window while unshipped)",
              f"{r.status} {text(r)}")
        b = Browser()
        b.login("/buyer/", "buyer17")
        page = b.get("/buyer/").text
        card = page.split(f"order={undelivered}\"")[0].rsplit("<article", 1)[-1]
        check("The time for requests has passed" not in card,
              "the orders page does not call an undelivered parcel too late 40 days on")
        r = b.post("/buyer/case/new", open_request(b, undelivered, "refund_only", "no", "not_received"))
        check(r.status == 303, "40 days after payment a parcel never delivered can be refunded (not received)",
              f"{r.status} {text(r)}")
        b = Browser()
        b.login("/buyer/", "buyer18")
        f = open_request(b, delivered, "refund_only", "no", "not_received")
        for lid in mariadb(VAR, f"SELECT id FROM order_lines WHERE order_id = {delivered}").split():
            f["line_" + lid] = "1"
        r = b.post("/buyer/case/new", f)
        check(r.status == 422 and "counts from delivery" in r.text,
              "'not received' on an order delivered long ago counts from delivery, and is refused", str(r.status))
    finally:
        set_clock(VAR, 0)


def fast_track_delivered(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    # A fresh delivered order of buyer19, under the fast-track threshold.
    oid = order_of(VAR, "buyer19", "o.delivered_at IS NOT NULL AND o.total_paid_cents <= 10000")
    if oid is None:
        oid = order_of(VAR, "buyer19", "o.delivered_at IS NOT NULL")
    mariadb(VAR, f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = {oid}")
    b = Browser()
    b.login("/buyer/", "buyer19")
    f = open_request(b, oid, "refund_only", "no", "not_received", amount="1.00")
    r = b.post("/buyer/case/new", f)
    loc = r.header("location") or ""
    check(r.status == 303, "'not received' on a delivered order opens a request", str(r.status))
    case = loc.rsplit("/", 1)[-1]
    state = mariadb(VAR, f"SELECT CONCAT(state, ' ', fast_tracked) FROM cases WHERE id = {case or 0}").strip()
    check(state == "requested 0", "... which goes to the seller, not the fast track", state)


def bad_numbers(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    oid = order_of(VAR, "buyer16", "o.delivered_at IS NOT NULL")
    b = Browser()
    b.login("/buyer/", "buyer16")
    f = open_request(b, oid, "return_refund", "yes", "no_reason_7d")
    lines = [k for k in f if k.startswith("line_")]
    before = mariadb(VAR, "SELECT COUNT(*) FROM cases").strip()
    for qty in ("0", "-1", "1.5", "abc", "999"):
        g = dict(f)
        g["qty_" + lines[0][5:]] = qty
        r = b.post("/buyer/case/new", g)
        check(r.status == 422 and "Choose between one and the number of units" in r.text
              and 'id="lines-error"' in r.text,
              f"a quantity of {qty!r} is refused next to the items, not widened to the whole line", str(r.status))
    for amount in ("0", "0.00", "-5", "1e3"):
        g = dict(f)
        g["amount"] = amount
        r = b.post("/buyer/case/new", g)
        check(r.status == 422 and 'id="amount-error"' in r.text and f'value="{amount}"' in r.text,
              f"an amount of {amount!r} is refused next to the amount, the input kept", str(r.status))
    check(mariadb(VAR, "SELECT COUNT(*) FROM cases").strip() == before, "no bad number opened a case")
    g = dict(f, amount="0", description="First line\nSecond line")
    r = b.post("/buyer/case/new", g)
    shown = re.search(r'<textarea id="description"[^>]*>(.*?)</textarea>', r.text, re.S)
    check(r.status == 422 and shown and shown.group(1).strip("\n") == "First line\nSecond line",
          "a refused form shows the description again with its line break",
          f"{r.status} {shown.group(1)!r}" if shown else str(r.status))


def flat_jpeg(w, h):
    """A flat grey baseline JPEG of w x h (multiples of 8) at 2 bits a block: Huffman tables of one
    one-bit code each (DC difference 0, end of block), so 40 megapixels take about 150 KB."""
    import struct

    def seg(marker, body):
        return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body
    dht = lambda tc: seg(0xC4, bytes([tc << 4]) + bytes([1] + [0] * 15) + b"\x00")
    bits = (w // 8) * (h // 8) * 2
    data = b"\x00" * (bits // 8) + (b"" if bits % 8 == 0 else bytes([(1 << (8 - bits % 8)) - 1]))
    return (b"\xff\xd8" + seg(0xDB, b"\x00" + b"\x01" * 64)
            + seg(0xC0, struct.pack(">BHHB", 8, h, w, 1) + b"\x01\x11\x00")
            + dht(0) + dht(1) + seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + data + b"\xff\xd9")


def photos_after_fields(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    from http_cases import multipart
    oid = order_of(VAR, "buyer18", "o.delivered_at IS NOT NULL")
    mariadb(VAR, f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = {oid}")
    b = Browser()
    b.login("/buyer/", "buyer18")

    def send(files, **over):
        f = open_request(b, oid, "return_refund", "yes", "quality")
        f.update(over)
        body, ctype = multipart(f, files)
        return b.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})

    damaged = b"\xff\xd8\xff\xe0" + b"\x00" * 64
    r = send([("photos", "broken.jpg", "image/jpeg", damaged)], amount="99999999")
    check(r.status == 422 and "more than what can be refunded" in r.text and "could not be read" not in r.text
          and re.search(r'name="keep_\d+" value="1" checked> broken\.jpg', r.text),
          "a request whose amount is wrong is refused before its photo is decoded (the photo is held, unread)",
          str(r.status))
    r = send([("photos", "broken.jpg", "image/jpeg", damaged)], reason="no_such_reason")
    check(r.status == 422 and "could not be read" not in r.text, "... and one whose reason is unknown", str(r.status))
    flat = flat_jpeg(8000, 5000)
    r = send([("photos", f"flat{i}.jpg", "image/jpeg", flat) for i in range(6)])
    check(r.status == 422 and "too large together" in r.text,
          "six flat 40-megapixel JPEGs: refused by the request's pixel budget after at most two scaled decodes",
          f"{r.status} {len(flat)} bytes each {text(r)}")
    r = send([("photos", "flat.jpg", "image/jpeg", flat)])
    loc = r.header("location") or ""
    check(r.status == 303 and loc.startswith("/buyer/case/"), "one flat 40-megapixel JPEG is taken, decoded scaled down",
          f"{r.status} {text(r)}")
    size = mariadb(VAR, f"SELECT CONCAT(width, 'x', height) FROM evidence WHERE case_id = {loc.rsplit('/', 1)[-1] or 0}")
    check(size.strip() in ("2000x1250", ""), "the stored photo is the scaled one", size)


def guiding_form(t):
    """Every error at once next to its field, photos kept for the retry, reasons and defaults that fit."""
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    from http_cases import multipart, png
    oid = order_of(VAR, "buyer15", "o.delivered_at IS NOT NULL")
    mariadb(VAR, f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = {oid}")
    b = Browser()
    b.login("/buyer/", "buyer15")
    form = b.get(f"/buyer/case/new?order={oid}").text
    check(re.search(r'name="received" value="yes" checked', form), "a delivered order defaults to 'received: yes'")
    check("Photos of the problem are needed." in form and "Return shipping is paid by the seller." in form,
          "the reasons say before submit which need photos and who pays return shipping")
    f = open_request(b, oid, "return_refund", "yes", "", amount="99999999")
    body, ctype = multipart(f, [("photos", "crack.png", "image/png", png(40, 30, (200, 0, 0)))])
    r = b.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
    check(r.status == 422 and 'id="reason-error"' in r.text and 'id="amount-error"' in r.text
          and "Fix the 2 problems marked below." in r.text and 'value="99999999"' in r.text,
          "a missing reason and a too large amount are shown together, each next to its field, the input kept",
          f"{r.status} {re.findall(r'field-error[^>]*>([^<]+)', r.text)}")
    keep = re.search(r'name="(keep_\d+)" value="1" checked> crack\.png', r.text)
    tok = re.search(r'name="token" value="([^"]+)"', r.text)
    check(keep and tok and tok.group(1) == f["token"], "the photo is held server-side for the retry, under the same form token")
    g = dict(f)
    g.update({"reason": "quality", "amount": "", "csrf": re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)})
    if keep:
        g[keep.group(1)] = "1"
    body, ctype = multipart(g, [])
    r = b.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
    loc = r.header("location") or ""
    check(r.status == 303 and loc.startswith("/buyer/case/"), "the retry fixes both without choosing the photo again",
          f"{r.status} {text(r)}")
    case = loc.rsplit("/", 1)[-1] or "0"
    n = mariadb(VAR, f"SELECT COUNT(*) FROM evidence WHERE case_id = {case} AND original_name = 'crack.png'").strip()
    check(n == "1", "the held photo is stored with the case", n)
    page = b.get(loc)
    check("Your request was sent" in page.text, "the success message survives the upload path")
    steps = re.findall(r'<li class="step step-(\w+)"( aria-current="step")?>([^<]+)</li>', page.text)
    check([(k, t) for k, _, t in steps] == [("done", "Requested"), ("current", "Approved"), ("todo", "Goods returned"),
                                            ("todo", "Refunded")] and steps[1][1],
          "the case page shows the return's path as a step bar, the next step marked current", str(steps))
    left = mariadb(VAR, "SELECT COUNT(*) FROM held_uploads WHERE user_id = (SELECT id FROM users WHERE login = 'buyer15')")
    check(left.strip() == "0", "nothing stays held once the request is opened", left)
    # An unshipped order: only the reasons that fit it, and "received: no".
    unshipped = order_of(VAR, "buyer15", "o.shipped_at IS NULL")
    if unshipped:
        form = b.get(f"/buyer/case/new?order={unshipped}").text
        check('value="changed_mind_unshipped"' in form and 'value="quality"' not in form
              and 'value="return_refund"' not in form and re.search(r'name="received" value="no" checked', form),
              "an unshipped order's form offers only what fits it, with 'received: no'")


def language_switch(t):
    """The footer's language switch comes back to the same page, the request form with its order."""
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    b = Browser()
    b.login("/buyer/", "buyer16")
    oid = order_of(VAR, "buyer16", "1 = 1")
    page = b.get(f"/buyer/case/new?order={oid}").text
    link = re.search(r'href="(/buyer/lang\?to=zh-CN&amp;back=[^"]+)"', page)
    href = link.group(1).replace("&amp;", "&") if link else ""
    r = b.get(href) if href else None
    loc = r.header("location") if r else ""
    check(r is not None and r.status == 303 and (loc or "").endswith(f"case/new?order={oid}"),
          "the language switch on the request form comes back to the form of the same order", f"{href} -> {loc}")
    form = b.get(f"/buyer/case/new?order={oid}")
    check(form.status == 200 and 'lang="zh-CN"' in form.text, "... in Chinese", str(form.status))
    r = b.get("/buyer/lang?to=en&back=//evil.example/x")
    check(r.status == 303 and "evil" not in (r.header("location") or ""), "a back= elsewhere is not followed")
    b.get("/buyer/lang?to=en&back=")


def in_this_case(t):
    """After a partial offer, "In this case" shows what is offered, spread over the lines."""
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    from http_cases import act
    oid = order_of(VAR, "buyer17", "o.delivered_at IS NOT NULL")
    mariadb(VAR, f"UPDATE orders SET delivered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = {oid}")
    b = Browser()
    b.login("/buyer/", "buyer17")
    r = b.post("/buyer/case/new", open_request(b, oid, "return_refund", "yes", "no_reason_7d"))
    loc = r.header("location") or ""
    case = loc.rsplit("/", 1)[-1] or "0"
    shop = mariadb(VAR, f"SELECT u.login FROM users u JOIN cases c ON c.shop_id = u.shop_id WHERE c.id = {case} "
                        "AND u.role = 'seller' LIMIT 1").strip()
    asked = int(mariadb(VAR, f"SELECT requested_cents FROM cases WHERE id = {case}").strip() or 0)
    s = Browser()
    s.login("/seller/", shop or "seller1")
    offer = max(asked // 3, 1)
    r = act(s, "/seller/", case, "offer", amount=f"{offer // 100}.{offer % 100:02d}", note="Keep it, with a discount")
    page = b.get(loc).text
    cells = re.findall(r'data-label="In this case">[^<\d]*([\d,]+\.\d\d)</td>', page)
    total = sum(int(c.replace(",", "").replace(".", "")) for c in cells)
    check(r is not None and r.status == 303 and cells and total == offer,
          "after a partial offer, 'In this case' shows the offered amount, not the one asked",
          f"{r.status if r else None} asked={asked} offer={offer} cells={cells}")


def no_raw_codes(t):
    """A refunded case in Chinese: no executor name or rule key, the buyer's own acts as "you"."""
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]
    row = mariadb(VAR, """SELECT c.id, u.login FROM cases c JOIN users u ON u.id = c.buyer_id
        WHERE c.state = 'refunded' AND EXISTS (SELECT 1 FROM timeline t WHERE t.case_id = c.id AND t.rule IS NOT NULL)
        ORDER BY c.id LIMIT 1""").split()
    if len(row) != 2:
        check(False, "a refunded case with a rule on its timeline exists")
        return
    zh = Browser(language="zh-CN,zh;q=0.9")
    zh.login("/buyer/", row[1])
    page = zh.get(f"/buyer/case/{row[0]}").text
    body = page.split("<main", 1)[-1].split("</main>", 1)[0]
    raw = [w for w in ("ledger", "webhook", "fast_track", "seller_response_hours", "_days", "_hours") if w in body]
    check(not raw and "由你操作" in body, "a Chinese case page shows no executor names or rule keys, and says 'you'",
          str(raw))


def run(t):
    windows(t)
    fast_track_delivered(t)
    bad_numbers(t)
    photos_after_fields(t)
    guiding_form(t)
    language_switch(t)
    in_this_case(t)
    no_raw_codes(t)
