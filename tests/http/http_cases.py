#!/usr/bin/env python3
"""tests/http/http_cases.py: the case engine through the live programs.

Imported by tests/http/http_test.py, which owns the TAP output; check() and
Browser come from there.
"""
import os
import re
import time
import subprocess
import threading

import deskhttp


def form_fields(html, event):
    """The hidden fields of the action form for event on a case page."""
    for fm in re.findall(r'<form method="post" action="[^"]+"[^>]*>(.*?)</form>', html, re.S):
        if f'name="event" value="{event}"' in fm:
            return dict(re.findall(r'name="(csrf|event|state|token)" value="([^"]*)"', fm))
    return None


def orders_where(b, needle):
    """The ids of the signed-in buyer's orders (first page) whose card contains needle
    and whose request form still offers every line (no open case on them)."""
    page = b.get("/buyer/").text
    found = []
    for oid in dict.fromkeys(re.findall(r"case/new\?order=(\d+)", page)):
        card = page.split(f"order={oid}\"")[0].rsplit("<article", 1)[-1]
        if needle in card and "Open request" not in card:
            found.append(oid)
    return found


def open_request(b, order, typ, received, reason, amount=""):
    r = b.get(f"/buyer/case/new?order={order}")
    tok = re.search(r'name="token" value="([^"]+)"', r.text)
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text)
    f = {"csrf": csrf.group(1) if csrf else "", "token": tok.group(1) if tok else "",
         "order": str(order), "type": typ, "received": received, "reason": reason,
         "amount": amount, "description": "Test request"}
    for line in re.findall(r'name="(line_\d+)"', r.text):
        f[line] = "1"
    return f


def request_unshipped(b):
    """The signed-in buyer b asks for a refund only on the first order of its page not shipped yet
    (goods not received, "changed my mind"). Returns the response and the new case's id ("" when b
    has no such order or the request was refused)."""
    todo = orders_where(b, "Not shipped yet")
    if not todo:
        return None, ""
    r = b.post("/buyer/case/new", open_request(b, todo[0], "refund_only", "no", "changed_mind_unshipped"))
    case = (r.header("location") or "").rsplit("/", 1)[-1]
    return r, case if r.status == 303 and case.isdigit() else ""


def lotus_unshipped_order(VAR):
    """[login, order id] of a buyer's unshipped order of the Lotus shop (seller1's) over 150.00 with
    no case on any of its lines, the newest buyer first; [] when the demo has none left."""
    return mariadb(VAR, "SELECT u.login, o.id FROM orders o JOIN users u ON u.id = o.buyer_id "
                        "JOIN shops s ON s.id = o.shop_id WHERE s.name LIKE 'Lotus%' AND o.shipped_at IS NULL "
                        "AND o.total_paid_cents > 15000 AND NOT EXISTS (SELECT 1 FROM order_lines l "
                        "JOIN case_lines cl ON cl.order_line_id = l.id WHERE l.order_id = o.id) "
                        "ORDER BY u.id DESC, o.id LIMIT 1").split()


def copied_case_columns(VAR):
    """The columns of cases a test copies as they are when it makes more cases by INSERT ... SELECT
    from one (not the id, the number, the times, the state and the stored generated columns)."""
    return mariadb(VAR, "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns "
                        "WHERE table_schema = 'refund_desk' AND table_name = 'cases' AND extra NOT LIKE '%GENERATED%' "
                        "AND column_name NOT IN ('id', 'rma_no', 'created_at', 'state', 'closed_at', 'close_reason', "
                        "'deadline_at', 'escalated_at')").strip().split(",")


def mariadb(VAR, q):
    """The output of the SQL q run as root on the test database (deskhttp.sql)."""
    return deskhttp.sql(VAR, q)


def run(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]

    buyer = Browser()
    buyer.login("/buyer/", "buyer1")
    orders = buyer.get("/buyer/")
    ids = re.findall(r"case/new\?order=(\d+)", orders.text)
    check(ids, "every order offers a request link", str(len(ids)))

    # An unshipped order: refund only, "changed my mind".
    unshipped = orders_where(buyer, "Not shipped yet")[0]
    f = open_request(buyer, unshipped, "return_refund", "no", "changed_mind_unshipped")
    r = buyer.post("/buyer/case/new", f)
    check(r.status == 422 and ("cannot be sent back" in r.text or "does not allow" in r.text)
          and 'value="return_refund" checked' in r.text,
          "a return of goods never received is refused next to the field, choices kept", str(r.status))
    f = open_request(buyer, unshipped, "refund_only", "no", "changed_mind_unshipped", amount="99999999")
    r = buyer.post("/buyer/case/new", f)
    check(r.status == 422 and "more than what can be refunded" in r.text and 'value="99999999"' in r.text,
          "an amount above what is refundable is refused, the amount kept", str(r.status))
    check('aria-invalid="true" aria-describedby="amount-error"' in r.text and 'id="amount-error"' in r.text
          and r.text.count('aria-invalid="true"') == 1,
          "the refused field, and only it, is marked invalid and points to its message")
    f = open_request(buyer, unshipped, "refund_only", "no", "changed_mind_unshipped")
    r1 = buyer.post("/buyer/case/new", f)
    r2 = buyer.post("/buyer/case/new", f)
    loc = r1.header("location") or ""
    check(r1.status == 303 and loc.startswith("/buyer/case/") and r2.header("location") == loc,
          "submitting the same request twice opens one case", f"{r1.status} {loc} {r2.header('location')}")
    case = loc.rsplit("/", 1)[-1]
    page = buyer.get(loc)
    check(page.status == 200 and "Waiting for the seller to answer" in page.text
          and "approved automatically" in page.text and "data-countdown" in page.text,
          "the case page says who acts next and what the deadline does")
    check('data-left="%s left"' in page.text and 'data-overdue="overdue by %s"' in page.text,
          "the countdown's words come from the page")
    zh_buyer = Browser(language="zh-CN,zh;q=0.9,en;q=0.5")
    zh_buyer.login("/buyer/", "buyer1")
    words = re.search(r'data-left="([^"]*)"', zh_buyer.get(loc).text)
    check(words and "%s" in words.group(1) and words.group(1) != "%s left",
          "a Chinese page gives the countdown Chinese words", words.group(1) if words else "no data-left")

    other = Browser()
    other.login("/buyer/", "buyer2")
    check(other.get(loc).status == 404, "another buyer's case is 404")
    fields = form_fields(page.text, "cancel")
    fields["csrf"] = re.search(r'name="csrf" value="([^"]+)"', other.get("/buyer/").text).group(1)
    check(other.post(loc, fields).status == 404, "another buyer cannot act on it either (404)")
    check(other.get("/buyer/case/new?order=" + unshipped).status == 404, "another buyer's order is 404 on the request form")

    # Find the shop of the case and its seller.
    seller, seller_login = None, None
    for login in ("seller1", "seller2", "seller3"):
        s = Browser()
        s.login("/seller/", login)
        if f"case/{case}\"" in s.get("/seller/").text:
            seller, seller_login = s, login
        else:
            check(s.get(f"/seller/case/{case}").status == 404, f"{login} of another shop gets 404 for the case")
    check(seller is not None, "the case is in its shop's queue")
    row = re.search(rf'<tr>\s*<td data-label="Case">\s*<a href="/seller/case/{case}">.*?</tr>',
                    seller.get("/seller/").text if seller else "", re.S)
    row = row.group(0) if row else ""
    check(re.search(r'data-label="Order">[^<\s]+</td>', row) and re.search(r'data-label="Buyer">[^<\s][^<]*</td>', row)
          and "Waiting for the seller to answer" in row and "Your move" in row and 'data-label="Shop"' not in row,
          "the seller's queue row shows order, buyer, state and whose move it is", row)
    row = re.search(rf'<tr>\s*<td data-label="Case">\s*<a href="/buyer/case/{case}">.*?</tr>',
                    buyer.get("/buyer/cases").text, re.S)
    row = row.group(0) if row else ""
    check(re.search(r'data-label="Shop">[^<\s][^<]*</td>', row) and "waiting for the seller" in row
          and "Waiting for the seller to answer" in row and 'data-label="Buyer"' not in row,
          "the buyer's list row shows the shop, the state and whom it waits for", row)

    # Two seller sessions and an admin approve at once, 200 times.
    seller_b = Browser()
    seller_b.login("/seller/", seller_login)
    admin = Browser()
    admin.login("/admin/", "admin")
    forms = []
    for i in range(200):
        who, prefix = [(seller, "/seller/"), (seller_b, "/seller/"), (admin, "/admin/")][i % 3]
        forms.append((who, prefix, form_fields(who.get(f"{prefix}case/{case}").text, "approve_refund")))
    check(all(f[2] for f in forms), "every approver sees the approve button")
    statuses = []
    lock = threading.Lock()

    def fire(item):
        who, prefix, f = item
        st = who.post(f"{prefix}case/{case}", f).status
        with lock:
            statuses.append(st)

    threads = [threading.Thread(target=fire, args=(item,)) for item in forms]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ok = statuses.count(303)
    check(ok == 1 and statuses.count(409) == 199,
          "200 concurrent approvals from two sellers and an admin: one 303, 199 answered 'already decided' (409)",
          f"303={ok} 409={statuses.count(409)} all={sorted(set(statuses))}")
    check(not [x for x in statuses if x >= 500], "no 5xx under concurrent approvals")
    page = buyer.get(loc)
    check("Refunded" in page.text and page.text.count("Refund approved") == 1 and page.text.count("Refund paid") == 1,
          "the buyer sees one approval and one refund on the timeline")
    r = seller.post(f"/seller/case/{case}", forms[0][2])
    check(r.status in (303, 409) and buyer.get(loc).text.count("Refund paid") == 1,
          "a replayed approval form moves no more money", str(r.status))

    # Deadlines act by themselves: move the clock of the running programs.
    b3 = Browser()
    b3.login("/buyer/", "buyer3")
    unshipped3 = orders_where(b3, "Not shipped yet")
    f = open_request(b3, unshipped3[0], "refund_only", "no", "changed_mind_unshipped")
    r = b3.post("/buyer/case/new", f)
    loc3 = r.header("location") or ""
    check(r.status == 303, "a second buyer opens a request", str(r.status))
    with open(f"{VAR}/clock-offset", "w") as fh:
        fh.write(str(49 * 3600))
    later = Browser()  # two days on, the old session has expired
    later.login("/buyer/", "buyer3")
    page = later.get(loc3)
    check("applying it now" in page.text and '<span class="badge">Refunded' not in page.text
          and "Deadline passed" not in page.text,
          "48 hours of seller silence later, the case page says the deadline is being applied (a GET applies nothing)",
          re.sub(r"\s+", " ", page.text)[-600:])
    # The worker applies it: one pass of deskd, with the same moved clock.
    w = subprocess.run([os.path.join(os.environ["DESK_BUILDDIR"], "tools", "deskd"), "-1"],
                       capture_output=True, text=True, timeout=60)
    page = later.get(loc3)
    with open(f"{VAR}/clock-offset", "w") as fh:
        fh.write("0")
    check(w.returncode == 0 and "deadline applied" in w.stdout, "deskd -1 applies the passed deadline and says so",
          w.stdout[-400:] + w.stderr[-400:])
    check("Refunded" in page.text and "Deadline passed" in page.text and "seller&#39;s time to answer" in page.text
          and "seller_response_hours" not in page.text,
          "after the worker's pass the case shows it approved and refunded by the system",
          re.sub(r"\s+", " ", page.text)[-600:])
    refund_failures(t, later, loc3)
    uploads(t)
    dispute(t)
    publish(t)
    return case


def png(w, h, rgb):
    """A small PNG of one colour (zlib and struct only)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def multipart(fields, files, boundary="----deskUploadBoundary9x"):
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, ctype, data in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                   f'Content-Type: {ctype}\r\n\r\n'.encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def uploads(t):
    """Photos: refusals by content and size, storage, download headers, access."""
    check, Browser = t["check"], t["Browser"]
    b = Browser()
    b.login("/buyer/", "buyer4")
    delivered = orders_where(b, "badge-delivered")

    def send(files, reason="quality"):
        f = open_request(b, delivered[0], "return_refund", "yes", reason)
        body, ctype = multipart(f, files)
        return b.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})

    good = png(64, 48, (10, 200, 10))
    r = send([])
    check(r.status == 422 and "at least one photo" in r.text and re.search(r'value="quality"[^>]*selected', r.text),
          "a reason that needs photos refuses a request without them, next to the field", str(r.status))
    r = send([("photos", "evil.jpg", "image/jpeg", b"<html><script>alert(1)</script></html>")])
    check(r.status == 422 and "“evil.jpg”" in r.text and "<script>alert" not in r.text,
          "a file with an image name but other bytes is refused, naming the file", str(r.status))
    r = send([("photos", "empty.png", "image/png", b"")])
    check(r.status == 422 and "“empty.png” is empty" in r.text, "an empty file is refused, naming it", str(r.status))
    r = send([("photos", "huge.png", "image/png", good + b"\0" * (300 * 1024))])
    check(r.status == 422 and "“huge.png” is larger than 256 KB" in r.text,
          "a photo over the size limit is refused, naming it and the limit", str(r.status))
    r = send([("photos", "p%d.png" % i, "image/png", png(8 + i, 8, (i, i, i))) for i in range(7)])
    check(r.status == 422 and "Too many photos" in r.text, "more photos than the policy allows: refused next to the field",
          str(r.status))
    r = send([("photos", "../../etc/passwd.png", "image/png", good),
              ("photos", "C:\\Users\\me\\side.png", "image/png", png(32, 32, (200, 10, 10)))])
    loc = r.header("location") or ""
    check(r.status == 303 and loc.startswith("/buyer/case/"), "two good photos, one with a path-trick name, are accepted",
          f"{r.status} {re.findall(r'field-error[^>]*>([^<]+)', r.text)}")
    page = b.get(loc)
    ids = re.findall(r'evidence/(\d+)/thumb', page.text)
    check(len(ids) == 2 and "../" not in page.text and "passwd.png" in page.text and "C:\\" not in page.text,
          "the photos are stored; their names lose the directories", str(ids))
    r = b.get(f"/buyer/evidence/{ids[0]}")
    check(r.status == 200 and r.header("content-type") == "image/png" and r.body.startswith(b"\x89PNG")
          and r.header("x-content-type-options") == "nosniff" and "sandbox" in (r.header("content-security-policy") or "")
          and re.match(r'inline; filename="evidence-\d+\.png"$', r.header("content-disposition") or ""),
          "a photo is served with its detected type, nosniff, a fixed file name and a sandboxing CSP",
          str(r.headers))
    r = b.get(f"/buyer/evidence/{ids[0]}/thumb")
    check(r.status == 200 and r.header("content-type") == "image/jpeg" and r.body.startswith(b"\xff\xd8"),
          "its thumbnail is a JPEG")
    other = Browser()
    other.login("/buyer/", "buyer5")
    check(other.get(f"/buyer/evidence/{ids[0]}").status == 404 and other.get("/buyer/evidence/999999").status == 404,
          "another buyer gets 404 for the photo, as for one that does not exist")
    seen = 0
    for login in ("seller1", "seller2", "seller3"):
        s = Browser()
        s.login("/seller/", login)
        seen += s.get(f"/seller/evidence/{ids[0]}").status == 200
    check(seen == 1, "exactly one seller (the shop's) can see the photo", str(seen))
    a = Browser()
    a.login("/admin/", "admin")
    check(a.get(f"/admin/evidence/{ids[1]}/thumb").status == 200, "the platform can see it")
    # Adding photos later: an "Add photos" action with one more file.
    f = form_fields(page.text, "add_evidence")
    f["note"] = "One more angle"
    body, ctype = multipart(f, [("photos", "angle.png", "image/png", png(40, 40, (1, 2, 3)))])
    r = b.request("POST", loc, body=body, headers={"Content-Type": ctype})
    page = b.get(loc)
    check(r.status == 303 and len(re.findall(r'evidence/(\d+)/thumb', page.text)) == 3 and "Photos added" in page.text,
          "the buyer adds a photo later; the timeline records it", str(r.status))


def act(who, prefix, case, event, **fields):
    """Posts the action form of event on the case page as drawn for who."""
    page = who.get(f"{prefix}case/{case}")
    f = form_fields(page.text, event)
    if f is None:
        return None
    f.update(fields)
    return who.post(f"{prefix}case/{case}", f)


def dispute(t):
    """An offer declined, a refusal, an escalation and a ruling, with the refusals on the way."""
    check, Browser = t["check"], t["Browser"]
    b = Browser()
    b.login("/buyer/", "buyer6")
    unshipped = orders_where(b, "Not shipped yet")
    r = b.post("/buyer/case/new", open_request(b, unshipped[0], "refund_only", "no", "changed_mind_unshipped"))
    case = (r.header("location") or "/").rsplit("/", 1)[-1]
    seller = None
    for login in ("seller1", "seller2", "seller3"):
        s = Browser()
        s.login("/seller/", login)
        if f"case/{case}\"" in s.get("/seller/").text:
            seller = s
    asked = re.search(r"Asked for</dt>\s*<dd class=\"num\">[A-Z]{3} ([\d.]+)", b.get(f"/buyer/case/{case}").text).group(1)
    r = act(seller, "/seller/", case, "offer", amount="99999", note="Keep it")
    check(r.status == 422 and "below what the buyer asked for" in r.text and 'value="99999"' in r.text,
          "an offer above the request is refused next to its form, the amount kept", str(r.status))
    r = act(seller, "/seller/", case, "offer", amount="1.00", note="A coupon as well")
    check(r.status == 303, "the seller offers a partial refund", str(r.status))
    page = b.get(f"/buyer/case/{case}")
    check("The seller made an offer" in page.text and "Offered by the seller" in page.text
          and form_fields(page.text, "accept_offer") and form_fields(page.text, "decline_offer"),
          "the buyer sees the offer with accept and decline")
    check(act(b, "/buyer/", case, "decline_offer").status == 303, "the buyer declines")
    r = act(seller, "/seller/", case, "reject", note="")
    check(r.status == 422 and "Give the reason" in r.text, "a refusal without a reason is refused", str(r.status))
    check(act(seller, "/seller/", case, "reject", note="The order was already packed").status == 303,
          "the seller refuses with a reason")
    other = Browser()
    other.login("/buyer/", "buyer7")
    page = b.get(f"/buyer/case/{case}")
    f = form_fields(page.text, "escalate")
    f["note"] = "I cancelled within minutes"
    f["csrf"] = re.search(r'name="csrf" value="([^"]+)"', other.get("/buyer/").text).group(1)
    check(other.post(f"/buyer/case/{case}", f).status == 404, "another buyer cannot escalate it (404)")
    told = re.search(r"<dt>Request</dt>\s*<dd>([^<]*)</dd>", page.text)
    check(told and told.group(1) == "1 of at most 3", "the buyer sees how many requests are left",
          told.group(1) if told else "no Request row")
    # Every action the owner sees, sent by another buyer with their own
    # token, answers 404, and changes nothing.
    before = b.get(f"/buyer/case/{case}").text
    forms = re.findall(r'name="event" value="([a-z_]+)"', before)
    theirs = re.search(r'name="csrf" value="([^"]+)"', other.get("/buyer/").text).group(1)
    statuses = []
    for ev in forms:
        f = form_fields(before, ev)
        f.update({"csrf": theirs, "note": "x", "carrier": "x", "waybill": "x", "amount": "1"})
        statuses.append(other.post(f"/buyer/case/{case}", f).status)
    check(forms and set(statuses) == {404} and "The seller refused" in b.get(f"/buyer/case/{case}").text,
          f"another buyer gets 404 for each of the {len(forms)} actions of the case", str(list(zip(forms, statuses))))
    check(act(b, "/buyer/", case, "escalate", note="I cancelled within minutes").status == 303,
          "the buyer escalates with a reason")
    admin = Browser()
    admin.login("/admin/", "admin")
    check(f"case/{case}\"" in admin.get("/admin/cases").text, "the case is on the platform's list of escalations")
    r = act(admin, "/admin/", case, "rule_partial", amount="9999999", note="Too much")
    check(r.status == 422 and "at most what the buyer asked for" in r.text, "a ruling above the request is refused",
          str(r.status))
    r = act(admin, "/admin/", case, "rule_refund", note="Cancelled before shipping")
    page = b.get(f"/buyer/case/{case}")
    check(r.status == 303 and "Refunded" in page.text and f"{asked}" in page.text
          and "Platform ruled a full refund" in page.text,
          "the platform rules a full refund; the buyer sees it refunded", str(r.status))
    check(form_fields(page.text, "cancel") is None and "Nothing is waiting for you" in page.text,
          "a closed case offers no more actions")
    ledger = admin.get("/admin/refunds")
    check(ledger.status == 200 and f"case/{case}\"" in ledger.text and "refunded" in ledger.text,
          "the platform's refund ledger lists the refund")
    check(b.get("/admin/refunds").status in (303, 403), "a buyer cannot read the ledger")


def refund_failures(t, b, loc):
    """The timeline tells a refund that will be retried from one the ledger gave up on."""
    check, VAR = t["check"], t["VAR"]
    case = int(re.search(r"(\d+)$", loc).group(1))
    row = ("INSERT INTO timeline (case_id, at, actor_role, event, from_state, to_state, amount_cents, note, rule) "
           "VALUES ({}, UTC_TIMESTAMP(3), 'system', 'refund_failed', 'refunding', 'refunding', 100, 'HTTP 500', {});")
    mariadb(VAR, row.format(case, "NULL") + row.format(case, "'refund_given_up'"))
    page = re.sub(r"\s+", " ", b.get(loc).text)
    mariadb(VAR, f"DELETE FROM timeline WHERE case_id = {case} AND event = 'refund_failed';")
    check(page.count("Refund attempt failed; it will be retried") == 1
          and page.count("Refund failed; the platform checks it with the payment system") == 1
          and "refund_given_up" not in page and "by the system" in page,
          "the timeline tells a refund that will be retried from one given up, without the rule's name", page[-900:])


# Version 2 of the policy (a 15-day window), published over version 1, and its
# removal: SQL for the mariadb client (also used by http_getsafe.py).
PUBLISH_V2 = """UPDATE policies SET status = 'retired', retired_at = UTC_TIMESTAMP() WHERE version = 1;
    INSERT INTO policies (version, status, return_window_days, seller_response_hours, buyer_response_hours,
      buyer_ship_days, seller_receive_days, seller_reship_days, buyer_confirm_days, platform_ruling_days,
      escalation_days, max_attempts, evidence_max_files, evidence_max_bytes, evidence_types, fast_track_enabled,
      fast_track_max_cents, fast_track_max_recent_refunds, fast_track_recent_days, text_en, text_zh, created_at,
      updated_at, published_at)
    SELECT 2, 'published', 15, seller_response_hours, buyer_response_hours, buyer_ship_days, seller_receive_days,
      seller_reship_days, buyer_confirm_days, platform_ruling_days, escalation_days, max_attempts, evidence_max_files,
      evidence_max_bytes, evidence_types, fast_track_enabled, fast_track_max_cents, fast_track_max_recent_refunds,
      fast_track_recent_days, text_en, text_zh, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP()
      FROM policies WHERE version = 1;
    INSERT INTO policy_reasons (policy_id, code, label_en, label_zh, explain_en, explain_zh, allow_refund_only,
      allow_return_refund, allow_exchange, evidence_required, shipping_payer, window_days, needs_received,
      needs_not_received, needs_unshipped, fast_track, sort_order, window_from)
    SELECT (SELECT id FROM policies WHERE version = 2), code, label_en, label_zh, explain_en, explain_zh,
      allow_refund_only, allow_return_refund, allow_exchange, evidence_required, shipping_payer, window_days,
      needs_received, needs_not_received, needs_unshipped, fast_track, sort_order, window_from
      FROM policy_reasons WHERE policy_id = (SELECT id FROM policies WHERE version = 1);"""
UNPUBLISH_V2 = """DELETE FROM policy_reasons WHERE policy_id = (SELECT id FROM policies WHERE version = 2);
    DELETE FROM policies WHERE version = 2;
    UPDATE policies SET status = 'published', retired_at = NULL WHERE version = 1;"""


def publish(t):
    """A new policy version written straight into the database reaches the running programs within
    a second (they read which version is current at most once a second: issue 12; one published
    through the admin desk reaches the node's programs at once); the old one stays readable."""
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]

    def sql(q):
        return mariadb(VAR, q)

    anon = Browser()
    check("Version 1" in anon.get("/buyer/policy").text, "the policy page shows version 1")
    sql(PUBLISH_V2)
    time.sleep(1.1)
    r = anon.get("/buyer/policy")
    check("Version 2" in r.text and "What changed since version 1" in r.text and "Return window (days)" in r.text,
          "the running programs show version 2 within a second, with what changed since version 1")
    r = anon.get("/buyer/policy?version=1")
    check(r.status == 200 and "Version 1" in r.text and "earlier" in r.text, "version 1 stays readable")
    check(anon.get("/buyer/policy?version=9").status == 404, "a version that does not exist is 404")
    sql(UNPUBLISH_V2)
    time.sleep(1.1)
    check("Version 1" in anon.get("/buyer/policy").text, "and back to version 1 for the tests that follow")
