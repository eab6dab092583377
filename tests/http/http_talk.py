"""tests/http/http_talk.py: the conversation of a case (issues 9 and 11) through the live programs.

Imported by tests/http/http_test.py, which passes check, Browser and VAR.
On a case opened here (so that the other modules' cases stay as they were):
internal notes that the buyer never sees (the case page, every buyer page
and every buyer URL the notes could hide behind), unread markers set by a
message and cleared only by the POST that marks the case read (never by a
GET), the header count, the queue's markers and its "has a new message"
filter, a second seller of the shop, assignment and the "Assigned to me"
tab, other shops' ids (404), replayed, forged and other cases' tokens.
"""
import base64
import hashlib
import hmac
import os
import re
import subprocess
import time

from http_cases import form_fields, lotus_unshipped_order, mariadb, open_request

DESKCTL = os.environ.get("DESK_BUILDDIR", ".") + "/tools/deskctl"
SECRET = "STAFF-ONLY-7f3a: the buyer wore it, do not refund"


def hidden(html, action):
    """The hidden fields of the form posting to action (a path), or None."""
    for attrs, body in re.findall(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', html, re.S):
        if attrs == action:
            return dict(re.findall(r'name="(csrf|token|upto)" value="([^"]*)"', body))
    return None


def unread_count(html):
    m = re.search(r'class="unread-count"[^>]*>\s*<span class="unread-dot"[^>]*>(\d+)</span>', html)
    return int(m.group(1)) if m else 0


def row_marked(html, case_id):
    """Whether the queue or case list row of case_id carries an unread marker; None without the row."""
    m = re.search(r'<tr( class="unread")?>\s*<td data-label="[^"]*"><a href="/(?:seller|buyer)/case/%d">' % case_id,
                  html)
    if m is None:
        m = re.search(r'<tr( class="unread")?>\s*<td data-label="[^"]*">\s*<a href="/buyer/case/%d">' % case_id, html)
    if m is None:
        return None
    return m.group(1) is not None or bool(re.search(
        r'<a href="/(?:seller|buyer)/case/%d">[^<]*</a>\s*<b class="unread-dot">' % case_id, html))


def new_case(check, Browser, VAR):
    """A fresh request on an unshipped order of Lotus Apparel (seller1's shop), above the fast track's
    amount so that it waits for the seller; returns (buyer, login, case id)."""
    rows = lotus_unshipped_order(VAR)
    check(len(rows) == 2, "talk: an unshipped Lotus order without cases exists", str(rows))
    if len(rows) != 2:
        return None, None, 0
    login, order = rows[0], int(rows[1])
    b = Browser()
    b.login("/buyer/", login)
    r = b.post("/buyer/case/new", open_request(b, order, "refund_only", "no", "changed_mind_unshipped"))
    m = re.search(r"/buyer/case/(\d+)", r.header("location") or "")
    check(r.status == 303 and m, "talk: the buyer opens a request", f"{r.status} {r.text[:300]}")
    return b, login, int(m.group(1)) if m else 0


def run(ctx):
    check, Browser, VAR = ctx["check"], ctx["Browser"], ctx["VAR"]

    def sql(q):
        return mariadb(VAR, q).strip()

    # A second seller of the shop, as an admin would add one (deskctl here).
    add = subprocess.run([DESKCTL, "user", "add", "seller", "talkstaff", "Staff Two", "Lotus Apparel 莲花服饰"],
                         input="talk-staff-pass-1\n", capture_output=True, text=True)
    check(add.returncode == 0, "talk: deskctl adds a second seller to the shop", add.stderr)
    buyer, buyer_login, case = new_case(check, Browser, VAR)
    if not case:
        return
    staff_id = int(sql("SELECT id FROM users WHERE login = 'talkstaff'") or 0)
    seller1_id = int(sql("SELECT id FROM users WHERE login = 'seller1'"))
    seller2_id = int(sql("SELECT id FROM users WHERE login = 'seller2'"))
    s1, s2, other, admin = Browser(), Browser(), Browser(), Browser()
    s1.login("/seller/", "seller1")
    r = s2.login("/seller/", "talkstaff", "talk-staff-pass-1")
    check(r.status == 303, "talk: the second seller signs in", str(r.status))
    other.login("/seller/", "seller2")
    admin.login("/admin/", "admin")

    # The new request is news for both sellers of the shop, not for its buyer.
    check(sql(f"SELECT COUNT(*) FROM case_unread WHERE case_id = {case} AND user_id IN ({seller1_id}, {staff_id})")
          == "2" and sql(f"SELECT COUNT(*) FROM case_unread cu JOIN users u ON u.id = cu.user_id "
                         f"WHERE cu.case_id = {case} AND u.role = 'buyer'") == "0",
          "talk: a new request is unread for every seller of the shop and not for the buyer who sent it")

    # --- Staff list on the shop's settings --------------------------------------
    r = s1.get("/seller/addresses")
    check(r.status == 200 and "Staff Two" in r.text and "talkstaff" in r.text and 'id="staff"' in r.text,
          "talk: the shop settings page lists the shop's staff")
    r = other.get("/seller/addresses")
    check("talkstaff" not in r.text, "talk: another shop's settings page does not list them")
    # A third seller, added by an admin on the accounts page.
    lotus = sql("SELECT id FROM shops WHERE name LIKE 'Lotus%'")
    r = admin.post("/admin/accounts/user", {"csrf": admin.csrf("/admin/accounts"), "role": "seller",
                                             "login": "talkthird", "display_name": "Staff Three",
                                             "password": "talk-third-pass", "shop": lotus})
    page = s1.get(f"/seller/case/{case}").text
    check(r.status == 303 and "talkthird" in s1.get("/seller/addresses").text and "Staff Three" in page,
          "talk: a seller an admin adds to the shop is on its staff list and in the assignment form", str(r.status))

    # --- Internal notes ----------------------------------------------------------------
    page = s1.get(f"/seller/case/{case}").text
    note = hidden(page, f"/seller/case/{case}/note")
    check(note and note.get("token"), "talk: the seller's case page has the note form with a one-time token")
    r = s1.post(f"/seller/case/{case}/note", {"csrf": note["csrf"], "token": note["token"], "note": SECRET})
    check(r.status == 303 and r.header("location") == f"/seller/case/{case}", "talk: a note is saved (303)",
          f"{r.status} {r.text[:200]}")
    r = s1.post(f"/seller/case/{case}/note", {"csrf": note["csrf"], "token": note["token"], "note": SECRET})
    check(r.status == 303 and sql(f"SELECT COUNT(*) FROM case_notes WHERE case_id = {case}") == "1",
          "talk: the same note form sent twice saves one note")
    r = s1.post(f"/seller/case/{case}/note", {"csrf": note["csrf"], "token": note["token"][:-4] + "AAAA",
                                               "note": "forged"})
    check(r.status == 422 and "forged" not in sql(f"SELECT GROUP_CONCAT(body) FROM case_notes WHERE case_id = {case}"),
          "talk: a forged note token is refused (422)", str(r.status))
    other_case = int(sql("SELECT MIN(c.id) FROM cases c JOIN users u ON u.shop_id = c.shop_id "
                         f"WHERE u.login = 'seller1' AND c.id <> {case}"))
    r = s1.post(f"/seller/case/{other_case}/note", {"csrf": note["csrf"], "token": note["token"], "note": "moved"})
    check(r.status == 422 and sql(f"SELECT COUNT(*) FROM case_notes WHERE case_id = {other_case}") == "0",
          "talk: a note token of another case is refused (422)", str(r.status))
    r = s1.post(f"/seller/case/{case}/note", {"csrf": note["csrf"], "note": "stale",
                                               "token": forge_token(VAR, seller1_id, case, "note", 40 * 86400)})
    check(r.status == 422 and sql("SELECT COUNT(*) FROM case_notes WHERE body = 'stale'") == "0",
          "talk: a note form older than the longest session (a stale token) is refused (422)", str(r.status))
    r = s1.post(f"/seller/case/{case}/note", {"token": note["token"], "note": "no csrf"})
    check(r.status == 403, "talk: a note without the CSRF token is 403", str(r.status))
    r = s1.post(f"/seller/case/{case}/note", {"csrf": note["csrf"], "token": note["token"], "note": ""})
    check(r.status == 422, "talk: an empty note is refused (422)", str(r.status))
    r = s1.get(f"/seller/case/{case}")
    check(SECRET in r.text and "Internal notes" in r.text, "talk: the seller sees the note on the case page")
    r = s2.get(f"/seller/case/{case}")
    check(SECRET in r.text, "talk: the shop's other seller sees it too")
    r = admin.get(f"/admin/case/{case}")
    check(r.status == 200 and SECRET in r.text, "talk: a platform admin sees it", str(r.status))
    anote = hidden(r.text, f"/admin/case/{case}/note")
    r = admin.post(f"/admin/case/{case}/note", {"csrf": anote["csrf"] if anote else "",
                                                 "token": anote["token"] if anote else "",
                                                 "note": "Platform: checked the photos"})
    check(r.status == 303 and "Platform: checked the photos" in s1.get(f"/seller/case/{case}").text,
          "talk: an admin adds a note the seller sees", str(r.status))

    # The buyer: the case page, every page of the desk, and every URL a note could hide behind.
    seen = []
    for path in ("/buyer/", "/buyer/cases", f"/buyer/case/{case}", f"/buyer/case/{case}/note",
                 f"/buyer/case/{case}?notes=1", f"/buyer/case/{case}/notes", "/buyer/policy"):
        r = buyer.get(path)
        seen.append(r.status)
        check(SECRET not in r.text and "Platform: checked" not in r.text and "staff-notes" not in r.text
              and "staff-note" not in r.text, f"talk: the buyer never sees a note: {path} ({r.status})")
    for link in set(re.findall(r'href="(/buyer/[^"]+)"', buyer.get(f"/buyer/case/{case}").text)):
        r = buyer.get(link.replace("&amp;", "&"))
        if SECRET in r.text:
            check(False, f"talk: the buyer never sees a note: {link}")
    r = buyer.post(f"/buyer/case/{case}/note", {"csrf": note["csrf"], "token": note["token"], "note": "x"})
    check(r.status in (403, 404, 405) and sql(f"SELECT COUNT(*) FROM case_notes WHERE body = 'x'") == "0",
          "talk: the buyer cannot post a note", str(r.status))

    # --- Unread markers ----------------------------------------------------------------
    # The buyer writes a message: news for both sellers, with the message flag.
    sql(f"DELETE FROM case_unread WHERE case_id = {case}")
    f = form_fields(buyer.get(f"/buyer/case/{case}").text, "message")
    f["note"] = "Any news about my refund?"
    r = buyer.post(f"/buyer/case/{case}", f)
    check(r.status == 303, "talk: the buyer sends a message", str(r.status))
    q = s1.get("/seller/cases?tab=open")
    check(row_marked(q.text, case) is True and unread_count(q.text) >= 1,
          "talk: the seller's queue marks the row and the header counts it",
          f"{row_marked(q.text, case)} {unread_count(q.text)}")
    before = unread_count(q.text)
    q = s1.get("/seller/cases?tab=open&new=1")
    check(f"/seller/case/{case}\"" in q.text and f"/seller/case/{other_case}\"" not in q.text,
          "talk: 'has a new message' lists the case and not a case without one")
    q = s1.get("/seller/cases?tab=mine&new=1")
    check(f"/seller/case/{case}\"" in q.text, "talk: 'has a new message' works within a tab")
    # GETs change nothing: the case page twice, the queue, the list.
    snap = sql("SELECT COUNT(*), COALESCE(SUM(last_id), 0) FROM case_unread")
    page = s1.get(f"/seller/case/{case}").text
    s1.get(f"/seller/case/{case}")
    s1.get("/seller/cases")
    buyer.get("/buyer/cases")
    check(sql("SELECT COUNT(*), COALESCE(SUM(last_id), 0) FROM case_unread") == snap,
          "talk: opening the case page (GET) does not mark it read")
    seen_form = hidden(page, f"/seller/case/{case}/seen")
    check(seen_form and seen_form.get("upto") and "unread-message" in page,
          "talk: the case page says what is new and offers 'Mark as read' (a POST form)")
    top = int(sql(f"SELECT MAX(id) FROM timeline WHERE case_id = {case}"))
    r = s1.post(f"/seller/case/{case}/seen", {"csrf": seen_form["csrf"], "upto": str(top - 1)})
    check(r.status == 303 and sql(f"SELECT COUNT(*) FROM case_unread WHERE case_id = {case} "
                                  f"AND user_id = {seller1_id}") == "1",
          "talk: marking read up to an older row keeps the marker (something newer came)")
    r = s1.post(f"/seller/case/{case}/seen", {"upto": seen_form["upto"]})
    check(r.status == 403, "talk: mark read without the CSRF token is 403", str(r.status))
    r = s1.post(f"/seller/case/{case}/seen", {"csrf": seen_form["csrf"], "upto": seen_form["upto"]})
    q = s1.get("/seller/cases?tab=open")
    check(r.status == 303 and row_marked(q.text, case) is False and unread_count(q.text) == before - 1,
          "talk: the POST marks it read: the row's marker goes and the count drops by one",
          f"{r.status} {row_marked(q.text, case)} {unread_count(q.text)} {before}")
    check(row_marked(s2.get("/seller/cases?tab=open").text, case) is True,
          "talk: the other seller's marker stays (markers are per user)")
    r = other.post(f"/seller/case/{case}/seen", {"csrf": other.csrf("/seller/"), "upto": seen_form["upto"]})
    check(r.status == 404, "talk: another shop's seller marking the case read gets 404", str(r.status))

    # The seller answers: news for the buyer, on the list and in the header.
    f = form_fields(s1.get(f"/seller/case/{case}").text, "message")
    f["note"] = "We are looking at it."
    r = s1.post(f"/seller/case/{case}", f)
    lst = buyer.get("/buyer/cases")
    check(r.status == 303 and row_marked(lst.text, case) is True and unread_count(lst.text) >= 1,
          "talk: the seller's message marks the buyer's case list row and header",
          f"{r.status} {row_marked(lst.text, case)} {unread_count(lst.text)}")
    page = buyer.get(f"/buyer/case/{case}").text
    bs = hidden(page, f"/buyer/case/{case}/seen")
    check(bs and "unread-message" in page, "talk: the buyer's case page offers 'Mark as read'",
          str(bs) + page[page.find('unread-mark') - 100:][:600])
    other_buyer = Browser()
    other_buyer.login("/buyer/", "buyer1" if buyer_login != "buyer1" else "buyer2")
    r = other_buyer.post(f"/buyer/case/{case}/seen", {"csrf": other_buyer.csrf("/buyer/"), "upto": bs["upto"]})
    check(r.status == 404, "talk: another buyer marking the case read gets 404", str(r.status))
    r = buyer.post(f"/buyer/case/{case}/seen", {"csrf": bs["csrf"], "upto": bs["upto"]})
    lst = buyer.get("/buyer/cases")
    check(r.status == 303 and row_marked(lst.text, case) is False, "talk: the buyer's POST clears the marker")

    # --- Assignment and "Assigned to me" -------------------------------------------------
    page = s1.get(f"/seller/case/{case}").text
    asg = hidden(page, f"/seller/case/{case}/assign")
    check(asg and f'<option value="{staff_id}"' in page, "talk: the assignment form offers the shop's staff")
    r = s1.post(f"/seller/case/{case}/assign", {"csrf": asg["csrf"], "token": asg["token"],
                                                "assignee": str(seller2_id)})
    check(r.status == 422 and sql(f"SELECT COALESCE(assigned_to, 0) FROM cases WHERE id = {case}") == "0",
          "talk: assigning to a seller of another shop is refused (422)", str(r.status))
    r = s1.post(f"/seller/case/{case}/assign", {"csrf": asg["csrf"], "token": asg["token"],
                                                "assignee": str(staff_id)})
    check(r.status == 303 and sql(f"SELECT assigned_to FROM cases WHERE id = {case}") == str(staff_id),
          "talk: the case is assigned to the second seller", f"{r.status} {r.text[:200]}")
    r = s1.post(f"/seller/case/{case}/assign", {"csrf": asg["csrf"], "token": asg["token"], "assignee": "0"})
    check(sql(f"SELECT assigned_to FROM cases WHERE id = {case}") == str(staff_id),
          "talk: a replayed assignment form changes nothing")
    page = s2.get(f"/seller/case/{case}").text
    check("Assigned the case to Staff Two" in page, "talk: the assignment is in the staff's log of the case")
    check("Assigned the case to" not in buyer.get(f"/buyer/case/{case}").text,
          "talk: the buyer does not see the assignment")
    q2 = s2.get("/seller/cases?tab=assigned")
    q1 = s1.get("/seller/cases?tab=assigned")
    check(f"/seller/case/{case}\"" in q2.text and f"/seller/case/{case}\"" not in q1.text,
          "talk: 'Assigned to me' lists the case for its assignee only")
    m = re.search(r'class="mine-assigned"[^>]*>[^<]*<span class="count">(\d+)</span>', q2.text)
    check(m and int(m.group(1)) == int(sql(f"SELECT COUNT(*) FROM cases WHERE assigned_to = {staff_id} "
                                           "AND queue_open = 1")),
          "talk: the tab's count matches the database", str(m and m.group(1)))
    q2 = s2.get("/seller/cases?tab=assigned&sort=newest&new=1")
    check(q2.status == 200, "talk: 'Assigned to me' with 'has a new message', newest first", str(q2.status))
    # Another shop's seller: every action on this case is 404, the page too.
    page = other.get(f"/seller/case/{case}")
    check(page.status == 404 and SECRET not in page.text, "talk: another shop's seller gets 404 for the case page")
    ocsrf = other.csrf("/seller/")
    for path, fields in ((f"/seller/case/{case}/note", {"note": "intrusion"}),
                         (f"/seller/case/{case}/assign", {"assignee": str(seller2_id)})):
        tok = re.search(r'name="token" value="([^"]+)"', other.get(f"/seller/case/{other_other_case(sql)}").text)
        fields.update({"csrf": ocsrf, "token": tok.group(1) if tok else "x"})
        r = other.post(path, fields)
        check(r.status in (404, 422) and sql(f"SELECT COUNT(*) FROM case_notes WHERE body = 'intrusion'") == "0"
              and sql(f"SELECT assigned_to FROM cases WHERE id = {case}") == str(staff_id),
              f"talk: another shop's seller cannot act on the case: {path} ({r.status})")
    # With a token made for this user and case (the engine is the guard, not the token).
    r = other.post(f"/seller/case/{case}/note", {"csrf": ocsrf, "token": forge_token(VAR, seller2_id, case, "note"),
                                                  "note": "intrusion"})
    check(r.status == 404 and sql("SELECT COUNT(*) FROM case_notes WHERE body = 'intrusion'") == "0",
          "talk: another shop's seller with a valid token for the case still gets 404", str(r.status))
    r = other.get(f"/seller/cases?tab=assigned")
    check(f"/seller/case/{case}\"" not in r.text, "talk: another shop's 'Assigned to me' does not list it")


def other_other_case(sql):
    """A case of seller2's shop (to take a well-formed token from its page)."""
    return int(sql("SELECT MIN(c.id) FROM cases c JOIN users u ON u.shop_id = c.shop_id WHERE u.login = 'seller2'"))


def forge_token(VAR, user, case, purpose, age=0):
    """A form token for user, case and purpose signed with the server's form_secret (base/token.c), as the
    server would make one: the access checks, not the token, must keep another shop out."""
    secret = re.search(r"^form_secret\s*=\s*(\S+)", open(f"{VAR}/refund-desk.conf").read(), re.M).group(1)
    head = "%x.%s" % (int(time.time()) - age, base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("="))
    mac = hmac.new(secret.encode(), f"{head}.{user}.{case}.{purpose}".encode(), hashlib.sha256).digest()
    return head + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")
