"""tests/http/http_getsafe.py: a GET writes nothing but sessions.last_seen_at.

Imported by tests/http/http_test.py, which passes check, Browser and VAR.
With the clock moved 40 days ahead (so that the deadlines of every open case
have passed and the pages say they are being applied), it signs in as
buyers, sellers and the admin, and crawls each desk from its home page:
every same-desk link and image of every page (case pages, photos and
thumbnails, policy versions, order pages and their request forms, lists
with their query strings, the language switch), at most MAX_GETS in all.
Before and after, a digest of every row of every table but sessions, and
of sessions without last_seen_at, through the mariadb client as root; they
must be equal. The worker (deskd) is not running during http.test; it would
apply the deadlines. http_cases.py runs before, so the crawl sees cases in
many states, offers, photos, rulings and refunds.
"""
import hashlib
import html
import os
import re
import subprocess
import time
import urllib.parse

from http_cases import PUBLISH_V2, UNPUBLISH_V2

MAX_GETS = 600  # in all
PER_LOGIN = 120
# Tables the brief names; the check covers every table but sessions, and
# fails if one of these is missing (renamed) so the list stays honest.
NAMED = ("cases", "case_lines", "timeline", "refunds", "form_token_uses", "offers", "return_shipments",
         "evidence", "order_lines", "policies")
DESKS = (("/buyer/", "buyer1"), ("/buyer/", "buyer2"), ("/buyer/", "buyer3"), ("/buyer/", "buyer4"),
         ("/buyer/", "buyer5"), ("/buyer/", "buyer6"), ("/buyer/", "buyer7"),
         ("/seller/", "seller1"), ("/seller/", "seller2"), ("/seller/", "seller3"), ("/admin/", "admin"))
# Pages no menu links to, where a crawl starts too.
START = {"/admin/": ["/admin/refunds"]}


def mariadb(var, q):
    """What q prints through the mariadb client as root (tab-separated, no headers), every byte kept
    (Latin-1: binary columns such as token hashes are compared, not read)."""
    return subprocess.run(["mariadb", "--no-defaults", f"--socket={var}/run/mysqld.sock", "-u", "root",
                           "-N", "-B", "refund_desk", "-e", q], capture_output=True,
                          check=True).stdout.decode("latin-1")


def run(ctx):
    check, Browser, VAR = ctx["check"], ctx["Browser"], ctx["VAR"]

    def sql(q):
        return mariadb(VAR, q)

    tables = [t for t in sql("SHOW TABLES").split() if t != "sessions"]

    def snapshot():
        # A digest of every row's every column, as text, per table: CHECKSUM
        # TABLE is not stable for a table with a stored generated column
        # (refunds.ledger_tab, sql/016) even when no row changed.
        out = sql("; ".join(f"SELECT '@@table refund_desk.{t}'; SELECT * FROM {t}" for t in tables))
        sums, name, rows = {}, None, []
        for line in out.splitlines() + ["@@table end"]:
            if line.startswith("@@table "):
                if name:
                    sums[name] = hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()
                name, rows = line[len("@@table "):], []
            else:
                rows.append(line)
        sums["sessions (but last_seen_at)"] = sql(
            "SELECT COUNT(*), SHA2(COALESCE(GROUP_CONCAT(HEX(id_hash), user_id, csrf_token, created_at, "
            "COALESCE(user_agent, '') ORDER BY id_hash SEPARATOR '|'), ''), 256) FROM sessions").strip()
        return sums

    def set_clock(secs):
        with open(f"{VAR}/clock-offset", "w") as f:
            f.write(str(secs))

    sql(PUBLISH_V2)  # two versions: the policy pages link a version and what changed
    time.sleep(1.1)  # the programs read which version is current at most once a second
    set_clock(40 * 86400)
    try:
        browsers = []
        for prefix, login in DESKS:
            b = Browser()
            r = b.login(prefix, login)
            browsers.append((prefix, login, b, r.status))
        before = snapshot()
        loaded, statuses, applying, kinds = crawl(browsers)
        after = snapshot()
    finally:
        set_clock(0)
        sql(UNPUBLISH_V2)
        time.sleep(1.1)  # no process keeps the deleted version 2 as current
    check(all(st == 303 for _, _, _, st in browsers), "getsafe: every crawler signs in",
          str([(l, st) for _, l, _, st in browsers]))
    missing = [t for t in NAMED if refund_desk_name(t) not in before]
    check(not missing, "getsafe: the tables to watch exist", str(missing))
    changed = [k for k in before if before[k] != after.get(k)]
    check(not changed and loaded >= 100,
          f"{loaded} GETs on every page of every desk (clock 40 days ahead) changed no table but "
          f"sessions.last_seen_at ({len(before)} digests equal)",
          f"changed: {changed}; statuses {statuses}")
    print(f"# getsafe: {loaded} GETs, statuses {statuses}, by kind {kinds}; "
          f"{applying} pages said a deadline is being applied")
    bad = {s: n for s, n in statuses.items() if s >= 500}
    check(not bad, "getsafe: no page of the crawl answers 5xx", str(bad))
    check(applying > 0, "getsafe: the crawl saw passed deadlines shown as being applied (not applied)",
          str(applying))


def refund_desk_name(t):
    return "refund_desk." + t


def crawl(browsers):
    """Breadth first from each desk's home, each browser within its desk; returns what it saw."""
    loaded, statuses, applying, kinds = 0, {}, 0, {}
    for prefix, login, b, _ in browsers:
        # The language switch (one link per page) is followed last, once
        # per language, English last: the other pages are read in English.
        queue = [prefix] + START.get(prefix, [])
        seen, n, langs, switched = set(queue), 0, {}, set()
        while (queue or langs) and n < PER_LOGIN and loaded + n < MAX_GETS:
            if queue:
                path = queue.pop(0)
            else:
                to = sorted(langs, reverse=True)[0]
                path = langs.pop(to)
                switched.add(to)
            r = b.get(path)
            n += 1
            statuses[r.status] = statuses.get(r.status, 0) + 1
            kind = re.sub(r"\d+", "N", path.split("?")[0][len(prefix):]) or "(home)"
            kinds[kind] = kinds.get(kind, 0) + 1
            links = []
            if r.status in (301, 302, 303) and r.header("location"):
                links.append(r.header("location"))
            if "text/html" in (r.header("content-type") or ""):
                if "applying it now" in r.text:
                    applying += 1
                links += re.findall(r'(?:href|src)="([^"]+)"', r.text)
            for link in links:
                u = urllib.parse.urlsplit(urllib.parse.urljoin(path, html.unescape(link)))
                if u.scheme or u.netloc or not u.path.startswith(prefix):
                    continue
                if u.path in (prefix + "login",):
                    continue  # signing in is a POST; its page is a form
                nxt = u.path + ("?" + u.query if u.query else "")
                if u.path == prefix + "lang":
                    to = urllib.parse.parse_qs(u.query).get("to", [""])[0]
                    if to not in switched:
                        langs.setdefault(to, nxt)
                    continue
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        loaded += n
    return loaded, statuses, applying, kinds


def run_talk(ctx):
    """The pages of the conversation (tests/http/http_talk.py) write nothing either: with unread markers
    standing for a seller and a buyer, their queue tabs and filters, case pages with the 'Mark as read'
    form, lists with markers and the staff list are read, and case_unread, case_notes and cases keep
    their checksums (the markers go only with the POST)."""
    check, Browser, VAR = ctx["check"], ctx["Browser"], ctx["VAR"]

    rows = mariadb(VAR, "SELECT u.login, u.role, cu.case_id FROM case_unread cu JOIN users u ON u.id = cu.user_id "
               "JOIN cases c ON c.id = cu.case_id WHERE u.login = 'seller1' OR u.role = 'buyer' "
               "ORDER BY u.role = 'buyer', cu.case_id DESC").strip().splitlines()
    seller_case = next((int(r.split("\t")[2]) for r in rows if r.startswith("seller1\t")), 0)
    buyer_row = next((r.split("\t") for r in rows if "\tbuyer\t" in r), None)
    check(seller_case and buyer_row, "getsafe (talk): unread markers stand for a seller and a buyer", str(rows[:4]))
    if not (seller_case and buyer_row):
        return
    # Every row, sorted (CHECKSUM TABLE is not stable for cases: see snapshot()).
    snap = "SELECT * FROM case_unread; SELECT * FROM case_notes; SELECT * FROM cases; SELECT * FROM form_token_uses"
    before = sorted(mariadb(VAR, snap).splitlines())
    seller, buyer, admin = Browser(), Browser(), Browser()
    seller.login("/seller/", "seller1")
    buyer.login("/buyer/", buyer_row[0])
    admin.login("/admin/", "admin")
    pages = [(seller, p) for p in ("/seller/", "/seller/cases?tab=assigned", "/seller/cases?tab=open&new=1",
                                   "/seller/cases?tab=mine&new=1&sort=newest", "/seller/cases?tab=assigned&new=1",
                                   f"/seller/case/{seller_case}", f"/seller/case/{seller_case}",
                                   "/seller/addresses")]
    pages += [(buyer, "/buyer/cases"), (buyer, f"/buyer/case/{buyer_row[2]}"), (buyer, "/buyer/"),
              (admin, f"/admin/case/{seller_case}")]
    statuses = [b.get(p).status for b, p in pages]
    marked = 'data-seen' in seller.get(f"/seller/case/{seller_case}").text
    after = sorted(mariadb(VAR, snap).splitlines())
    check(before == after and marked and all(s == 200 for s in statuses),
          f"getsafe (talk): {len(pages)} GETs of the conversation's pages leave case_unread, case_notes, cases "
          "and form_token_uses as they were; the markers stay until the POST",
          f"{statuses} marked={marked}\n{before}\n{after}")
