#!/usr/bin/env python3
"""tests/http_cases.py: the case engine through the live programs.

Imported by tests/http_test.py, which owns the TAP output; check() and
Browser come from there.
"""
import re
import threading


def form_fields(html, event):
    """The hidden fields of the action form for event on a case page."""
    for fm in re.findall(r'<form method="post" action="[^"]+">(.*?)</form>', html, re.S):
        if f'name="event" value="{event}"' in fm:
            return dict(re.findall(r'name="(csrf|event|state|token)" value="([^"]*)"', fm))
    return None


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


def run(t):
    check, Browser, VAR = t["check"], t["Browser"], t["VAR"]

    buyer = Browser()
    buyer.login("/buyer/", "buyer1")
    orders = buyer.get("/buyer/")
    ids = re.findall(r"case/new\?order=(\d+)", orders.text)
    check(ids, "every order offers a request link", str(len(ids)))

    # An unshipped order: refund only, "changed my mind".
    unshipped = None
    for oid in ids:
        if 'Not shipped yet' in orders.text.split(f"order={oid}")[0].rsplit("<article", 1)[-1]:
            unshipped = oid
            break
    f = open_request(buyer, unshipped, "return_refund", "no", "changed_mind_unshipped")
    r = buyer.post("/buyer/case/new", f)
    check(r.status == 422 and ("cannot be sent back" in r.text or "does not allow" in r.text)
          and 'value="return_refund" checked' in r.text,
          "a return of goods never received is refused next to the field, choices kept", str(r.status))
    f = open_request(buyer, unshipped, "refund_only", "no", "changed_mind_unshipped", amount="99999999")
    r = buyer.post("/buyer/case/new", f)
    check(r.status == 422 and "more than what can be refunded" in r.text and 'value="99999999"' in r.text,
          "an amount above what is refundable is refused, the amount kept", str(r.status))
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
    o3 = b3.get("/buyer/")
    unshipped3 = [oid for oid in re.findall(r"case/new\?order=(\d+)", o3.text)
                  if "Not shipped yet" in o3.text.split(f"order={oid}")[0].rsplit("<article", 1)[-1]]
    f = open_request(b3, unshipped3[0], "refund_only", "no", "changed_mind_unshipped")
    r = b3.post("/buyer/case/new", f)
    loc3 = r.header("location") or ""
    check(r.status == 303, "a second buyer opens a request", str(r.status))
    with open(f"{VAR}/clock-offset", "w") as fh:
        fh.write(str(49 * 3600))
    later = Browser()  # two days on, the old session has expired
    later.login("/buyer/", "buyer3")
    page = later.get(loc3)
    with open(f"{VAR}/clock-offset", "w") as fh:
        fh.write("0")
    check("Refunded" in page.text and "Deadline passed" in page.text and "seller_response_hours" in page.text,
          "48 hours of seller silence later, reading the case shows it approved and refunded by the system",
          re.sub(r"\s+", " ", page.text)[-600:])
    return case
