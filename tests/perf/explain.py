"""tests/perf/explain.py: every list paged by keyset over an index that serves its filter and sort (issue 12).

With the general log on, signs in as the heavy and the typical accounts of a tools/seed-bench database
(bbuyer1/bbuyer2, bseller1/bseller2, the admin) and crawls every signed-in GET page of the three desks that
their pages link to: every tab, sort and filter (links, and GET forms once per choice of each select), a
second page through each "Next" link, plus api.fcgi's GETs with a key of shop 1. Each request runs alone,
so the statements the programs ran in its time window are its own. Then EXPLAINs every distinct SELECT
(prepared statements are logged as Execute with their values) and fails, naming the page, the statement
and the table, on a full table scan (type ALL) or a full index scan (type index) of a growing table
(but one in the index's order that a LIMIT of at most LIMIT_MAX rows stops), a "Using filesort" or a
"Using temporary". Tables of bounded size that do not grow with cases, users or
orders may be scanned (ALLOWED, each with its reason); their size is checked here. All failures are
reported, not only the first; a summary by page and statement closes the output.

Also walks the heavy buyer's two lists (orders and cases) through every Next link: each row once, in
order, the "First page" link on later pages.

Usage: explain.py BASE_URL VARDIR   (run by tests/perf/explain.test; prints TAP)
"""
import collections
import html.parser
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
import deskhttp  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
n = failed = 0

# Tables whose size does not grow with cases, users or orders: a scan of them costs the same at 1M
# cases. Each: (the most rows it may have here, why it is bounded).
ALLOWED = {
    "policies": (200, "published policy versions: a handful a year, written by admins"),
    "policy_reasons": (2000, "the reasons of each policy version: about ten per version"),
    "carriers": (500, "the carriers the desk knows, a fixed list"),
    "schema_migrations": (200, "one row per migration file"),
    "api_keys": (5000, "keys an admin or seller made by hand, a few per integrated shop "
                 "(the integrations page lists them all)"),
    "webhook_endpoints": (5000, "endpoints an admin registered by hand, a few per integrated shop"),
}

# The worker's statements that claim or scan what is due (src/store/sql.c).
WORKER_STATEMENTS = ["case_due_claim", "work_next_due", "remind_due", "refund_claim", "delivery_claim",
                     "mail_claim", "outbox_unfanned", "mail_unmailed"]

# A full index scan in the index's order that a LIMIT of at most this many
# rows stops (no filesort): it reads that many rows, not the table.
LIMIT_MAX = 100
PER_SHAPE = 1        # pages of one shape (see shape()) per account
PER_ACCOUNT = 250    # requests per account at most
MAX_STATEMENTS = 4000


def check(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}", flush=True)
    else:
        failed += 1
        print(f"not ok {n} - {name}", flush=True)
        for line in str(detail).splitlines()[:40]:
            print(f"# {line}", flush=True)


def root_sql(q, binary=False):
    """Runs q as root on the test database; returns stdout (bytes when binary)."""
    p = subprocess.run(["mariadb", "--no-defaults", f"--socket={VAR}/run/mysqld.sock", "-u", "root", "-N", "-B",
                        "--binary-mode", "--force", "refund_desk"], input=q if binary else q.encode(),
                       capture_output=True)
    if p.returncode != 0 and not binary:
        raise RuntimeError(p.stderr.decode(errors="replace"))
    return p.stdout if binary else p.stdout.decode(errors="replace")


class Browser(deskhttp.Browser):
    def __init__(self):
        super().__init__(BASE)


class Links(html.parser.HTMLParser):
    """The hrefs of a page's links and the GET requests its GET forms make (one per option of each select)."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self.form, self.select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.links.append(a["src"])  # evidence photos and thumbnails are pages of the desk too
        elif tag == "form":
            if (a.get("method") or "get").lower() == "get":
                self.form = {"action": a.get("action") or "", "fields": {}, "choices": {}}
        elif self.form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "input" and a.get("name") and a.get("type") in ("checkbox", "radio"):
            self.form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
            if "checked" in a:
                self.form["fields"][a["name"]] = a.get("value", "on")
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.form["choices"].setdefault(self.select, [])
        elif tag == "option" and self.select:
            v = a.get("value", "")
            self.form["choices"][self.select].append(v)
            if "selected" in a or self.select not in self.form["fields"]:
                self.form["fields"][self.select] = v

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.form is not None:
            f = self.form
            self.form = None
            self.forms.append(f["action"] + "?" + urllib.parse.urlencode(f["fields"]))
            for name, values in f["choices"].items():
                for v in values:
                    one = dict(f["fields"])
                    one[name] = v
                    self.forms.append(f["action"] + "?" + urllib.parse.urlencode(one))


# Query keys whose value chooses another statement (a tab, a sort, a part of a list); the values of
# other keys (filters, cursors, ids) are blanked: one value of each filter exercises its statement.
VALUE_KEYS = {"tab", "sort", "part", "table", "new", "view", "kind", "range", "period", "days"}


def shape(path):
    """The page's kind: numbers in the path blanked, query keys sorted, values blanked but for VALUE_KEYS."""
    u = urllib.parse.urlsplit(path)
    p = re.sub(r"\d+", "#", u.path)
    q = sorted((k, v if k in VALUE_KEYS else ("#" if v else ""))
               for k, v in urllib.parse.parse_qsl(u.query, keep_blank_values=True))
    return p + ("?" + "&".join(f"{k}={v}" for k, v in q) if q else "")


SQL_WORDS = {"select", "where", "on", "using", "join", "left", "right", "inner", "straight_join", "force",
             "use", "ignore", "as", "from", "and", "or", "group", "order", "limit", "union", "natural", "cross"}


def tables_of(sql, alias):
    """The tables that alias stands for in sql (several when subqueries reuse it)."""
    a = re.escape(alias)
    found = [t for t in re.findall(r"\b(?:FROM|JOIN)\s+`?(\w+)`?\s+(?:AS\s+)?`?" + a + r"`?(?=[\s,)]|$)", sql, re.I)
             if t.lower() not in SQL_WORDS]
    if re.search(r"\b(?:FROM|JOIN)\s+`?" + a + r"`?(?=[\s,)]|$)", sql, re.I):
        found.append(alias)
    return sorted(set(found)) or [alias]


visits = []  # (account, path, start, end, status)


def timed_get(who, b, path):
    t0 = time.time()
    r = b.get(path)
    t1 = time.time()
    visits.append((who, path, t0, t1, r.status))
    return r


def crawl(who, prefix, b, first=()):
    """Visits the GET pages of the desk at prefix that b's pages link to, breadth first, every page
    (path) before more tabs, sorts and filters of pages already seen. Returns the shapes visited."""
    seen_shape = collections.Counter()
    seen_path = set()
    seen = set()
    fresh, more = [prefix, *first], []
    visited = []
    while (fresh or more) and len(visited) < PER_ACCOUNT:
        path = fresh.pop(0) if fresh else more.pop(0)
        if path in seen:
            continue
        seen.add(path)
        s = shape(path)
        if seen_shape[s] >= PER_SHAPE and path not in first:
            continue
        seen_shape[s] += 1
        seen_path.add(s.split("?")[0])
        visited.append(s)
        r = timed_get(who, b, path)
        if r.status != 200 or not (r.header("content-type") or "").startswith("text/html"):
            continue
        p = Links()
        p.feed(r.text)
        for h in p.links + p.forms:
            h = h.replace("&amp;", "&")
            u = urllib.parse.urlsplit(urllib.parse.urljoin(path, h))
            if u.scheme or u.netloc or not u.path.startswith(prefix):
                continue
            rest = u.path[len(prefix):]
            if rest.split("/")[0] in ("login", "logout", "lang") or "/static/" in u.path:
                continue
            full = u.path + ("?" + u.query if u.query else "")
            if full not in seen:
                (more if shape(full).split("?")[0] in seen_path else fresh).append(full)
    return visited


def api_get(key, path):
    import http.client
    u = urllib.parse.urlsplit(BASE)
    t0 = time.time()
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    c.request("GET", "/api/v1/" + path, headers={"Authorization": f"Bearer {key}"})
    r = c.getresponse()
    body = r.read()
    c.close()
    visits.append(("api shop 1", "/api/v1/" + path, t0, time.time(), r.status))
    try:
        return json.loads(body)
    except ValueError:
        return None


def walk(b, start, row_re, name):
    """Follows a list's Next links from start; checks every row once, First page links. Returns rows."""
    rows, path, pages, firsts = [], start, 0, 0
    while path and pages < 200:
        r = b.get(path)
        pages += 1
        if r.status != 200:
            check(False, f"{name}: page {pages} answers 200", f"{path}: {r.status}")
            return rows
        rows += re.findall(row_re, r.text)
        firsts += pages > 1 and "First page" in r.text
        m = re.search(r'<a [^>]*href="([^"]+)"[^>]*rel="next"', r.text)
        path = m.group(1).replace("&amp;", "&") if m else None
    check(pages > 1 and firsts == pages - 1, f"{name}: {pages} pages, each after the first links to the first")
    return rows


def plan_problems(text, cols):
    """The table of one EXPLAIN row (cols) of statement text, and what in that row does not scale:
    a full scan of a table that grows (or of a derived table), a full index scan that no small
    LIMIT stops, a filesort or a temporary table."""
    _id, _sel, alias, typ, _pk, key, _kl, _ref, rows, extra = cols
    derived = alias.startswith("<")
    real = [] if derived else tables_of(text, alias)
    bounded = not derived and all(t in ALLOWED for t in real)
    table = alias if derived or real == [alias] else f"{alias} ({'|'.join(real)})"
    why = []
    if typ == "ALL" and not bounded:
        why.append("derived table scanned" if derived else "full table scan (type ALL)")
    m = re.search(r"\bLIMIT\s+(\d+)\s*$", text.strip())
    stops = bool(m) and int(m.group(1)) <= LIMIT_MAX and "Using filesort" not in extra
    if typ == "index" and not bounded and not stops:
        why.append(f"full index scan of {key}")
    if "Using filesort" in extra and not bounded:
        why.append("Using filesort")
    if "Using temporary" in extra and not bounded:
        why.append("Using temporary")
    return table, why


def main():
    global failed
    # Sizes, to know what we measure.
    counts = root_sql("SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM orders), "
                      "(SELECT COUNT(*) FROM users)").split()
    print(f"# database: {counts[0]} cases, {counts[1]} orders, {counts[2]} users", flush=True)

    # The heavy buyer's lists, walked to the end (before the log: it is not what is EXPLAINed).
    b1 = Browser()
    b1.login("/buyer/", "bbuyer1")
    want_orders = root_sql("SELECT o.order_no FROM orders o JOIN users u ON u.id = o.buyer_id "
                           "WHERE u.login = 'bbuyer1' ORDER BY o.paid_at DESC, o.id DESC").split()
    got = walk(b1, "/buyer/", r"Order <b>([^<]+)</b>", "bbuyer1's orders")
    check(got == want_orders, f"bbuyer1's orders: all {len(want_orders)} once, newest paid first, through Next links",
          f"got {len(got)}, {len(set(got))} distinct; first difference at "
          f"{next((i for i, (a, b) in enumerate(zip(got, want_orders)) if a != b), min(len(got), len(want_orders)))}")
    want_cases = root_sql("SELECT c.id FROM cases c JOIN users u ON u.id = c.buyer_id WHERE u.login = 'bbuyer1' "
                          "ORDER BY c.closed_at IS NOT NULL, c.created_at DESC, c.id DESC").split()
    got = walk(b1, "/buyer/cases", r'<a href="/buyer/case/(\d+)"', "bbuyer1's cases")
    got = list(dict.fromkeys(got))  # a row may link to its case twice
    check(got == want_cases, f"bbuyer1's cases: all {len(want_cases)} once, open first, newest first, "
          "through Next links", f"got {len(got)}; first 5 {got[:5]} want {want_cases[:5]}")
    # bbuyer1's cursors given to bbuyer2: a position in bbuyer2's own lists, nothing of bbuyer1's.
    b2 = Browser()
    b2.login("/buyer/", "bbuyer2")
    mine = set(root_sql("SELECT c.id FROM cases c JOIN users u ON u.id = c.buyer_id "
                        "WHERE u.login = 'bbuyer2'").split())
    nexts = re.findall(r'<a [^>]*href="(/buyer/cases\?[^"]+)"[^>]*rel="next"', b1.get("/buyer/cases").text)
    nexts += re.findall(r'<a [^>]*href="(/buyer/\?[^"]+)"[^>]*rel="next"', b1.get("/buyer/").text)
    shown = []
    for path in nexts:
        r = b2.get(path.replace("&amp;", "&"))
        shown += [(path, r.status)] + [c for c in re.findall(r'/buyer/case/(\d+)"', r.text) if c not in mine]
    check(len(nexts) == 2 and all(isinstance(x, tuple) and x[1] == 200 for x in shown),
          "another buyer's cursors show only the buyer's own cases and orders", shown)
    r = b1.get("/buyer/cases?after=junk'%22&part=done")
    check(r.status == 200 and "First page" in r.text, "a malformed cases cursor is ignored (the part's first page)")

    # The general log (a table) is on since before the programs started (explain.test): a statement
    # prepared while it was off is logged without its values.
    check(root_sql("SELECT @@general_log, @@log_output").split() == ["1", "TABLE"], "the general log is on")
    t_start = time.time()
    try:
        accounts = [("buyer", "bbuyer1", "heavy buyer"), ("buyer", "bbuyer2", "typical buyer"),
                    ("seller", "bseller1", "heavy seller"), ("seller", "bseller2", "typical seller"),
                    ("admin", "admin", "admin")]
        for desk, login, who in accounts:
            b = Browser()
            r = b.login(f"/{desk}/", login)
            if r.status != 303:
                check(False, f"{who} ({login}) signs in", r.status)
                continue
            # A case of each account, so that a case page is crawled even when no list links to one yet.
            first = []
            if desk == "buyer":
                first = [f"/buyer/case/{i}" for i in root_sql(
                    f"SELECT MAX(c.id) FROM cases c JOIN users u ON u.id = c.buyer_id WHERE u.login = '{login}' "
                    f"UNION SELECT MAX(c.id) FROM cases c JOIN users u ON u.id = c.buyer_id "
                    f"JOIN evidence e ON e.case_id = c.id WHERE u.login = '{login}'").split() if i != "NULL"]
            k = crawl(f"{who} ({login})", f"/{desk}/", b, first)
            paths = sorted({v.split("?")[0] for v in k})
            print(f"# {who} ({login}): {len(k)} pages of {len(paths)} kinds: {' '.join(paths)}", flush=True)
        st, out = deskhttp.deskctl("apikey", "add", "bseller1", "explain test", "100000")
        m = re.search(r"(rdk_\S+)", out)
        if st == 0 and m:
            key = m.group(1)
            api_get(key, "me")
            page = api_get(key, "cases") or {}
            if page.get("next_after"):
                api_get(key, f"cases?after={page['next_after']}")
            api_get(key, "cases?state=requested")
            api_get(key, "cases?limit=5&updated_since=2020-01-01T00:00:00Z")
            for c in (page.get("cases") or [])[:1]:
                api_get(key, f"cases/{c['id']}")
                api_get(key, f"cases/{c.get('rma_no', '')}")
        else:
            check(False, "an API key for bseller1", out)
    finally:
        root_sql("SET GLOBAL general_log = 0")
    t_end = time.time()
    bad = [v for v in visits if v[4] >= 500]
    check(not bad, f"{len(visits)} GET pages crawled, none answers 5xx", "\n".join(f"{v[0]} {v[1]}: {v[4]}"
                                                                              for v in bad[:20]))

    # The statements, each with its request.
    raw = root_sql(f"SELECT UNIX_TIMESTAMP(event_time), command_type, HEX(argument) FROM mysql.general_log "
                   f"WHERE command_type IN ('Query', 'Execute') AND user_host LIKE 'refund_desk%' "
                   f"AND event_time >= FROM_UNIXTIME({t_start - 1}) ORDER BY event_time")
    by_text = collections.OrderedDict()  # statement bytes -> [pages]
    unexpanded = set()
    between = collections.OrderedDict()  # with values, run outside every page's window
    for line in raw.splitlines():
        t, _, hx = line.split("\t")
        sql = bytes.fromhex(hx)
        if not re.match(rb"\s*(\(\s*)?SELECT\b", sql, re.I):
            continue
        if re.search(rb"\?(?=([^']*'[^']*')*[^']*$)", sql):
            unexpanded.add(sql)  # prepared before the log was on: no values to EXPLAIN with
            continue
        at = float(t)
        page = next((f"{v[0]} GET {v[1]}" for v in visits if v[2] - 0.001 <= at <= v[3] + 0.001), None)
        if page is None:
            between.setdefault(sql, None)  # the worker, start-up, a sign-in: not a page's
            continue
        by_text.setdefault(sql, []).append(page)
    print(f"# {len(by_text)} distinct SELECTs from {len(visits)} requests", flush=True)
    # A statement MariaDB prepared again during the crawl (CI saw the session's SELECT, twice) is
    # logged without values from then on; it is covered when the log holds it with values too,
    # from before: a ? stands for a number, a quoted string or NULL.
    value = rb"(?:-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^'\\]|\\.|'')*'|NULL)"
    # The session's SELECT runs on few pages (the session cache answers the others): its logged
    # runs with values may all fall between pages, a sign-in's among them; one of those is then
    # EXPLAINed for it.
    uncovered = set()
    for sql in unexpanded:
        pattern = re.compile(b"".join(value if part == b"?" else re.escape(part)
                                      for part in re.split(rb"(\?)", sql)), re.I | re.S)
        if any(pattern.fullmatch(seen) for seen in by_text):
            continue
        twin = next((seen for seen in between if pattern.fullmatch(seen)), None)
        if twin is not None:
            by_text[twin] = ["(between pages)"]
        else:
            uncovered.add(sql)
    if unexpanded:
        print(f"# {len(unexpanded)} logged without values too, {len(unexpanded) - len(uncovered)} of them "
              "also with values", flush=True)
    check(len(by_text) > 0 and not uncovered, "the general log holds the pages' statements with their values",
          f"{len(uncovered)} logged only without values (prepared before the log was on): " +
          "\n".join(x.decode(errors="replace")[:200] for x in list(uncovered)[:5]))
    texts = list(by_text)[:MAX_STATEMENTS]

    # EXPLAIN each, in one client run: a marker row before each, in a
    # session set as the desk sets its own (src/store/db.c, db_connect()).
    init = re.search(rb'"(SET time_zone[^"]*)"', open(os.path.join(os.environ["DESK_SRCDIR"], "src/store/db.c"), "rb").read())
    check(init is not None, "the desk's session settings are found in src/store/db.c")
    script = (init.group(1) if init else b"") + b";\n" + b"".join(b"SELECT '@@@ %d';\nEXPLAIN %s;\n" % (i, s.rstrip(b"; \n")) for i, s in enumerate(texts))
    out = root_sql(script, binary=True).decode(errors="replace")
    plans = collections.defaultdict(list)
    cur = None
    for line in out.splitlines():
        m = re.fullmatch(r"@@@ (\d+)", line)
        if m:
            cur = int(m.group(1))
            continue
        cols = line.split("\t")
        if cur is not None and len(cols) == 10:
            plans[cur].append(cols)

    sizes = {}
    for t in ALLOWED:
        v = root_sql(f"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                     f"AND table_name = '{t}'").strip()
        sizes[t] = int(root_sql(f"SELECT COUNT(*) FROM `{t}`").strip()) if v == "1" else 0
        check(sizes[t] <= ALLOWED[t][0], f"allowed scans of {t}: {sizes[t]} rows, at most {ALLOWED[t][0]} "
              f"({ALLOWED[t][1]})")

    problems = collections.OrderedDict()  # (statement, table, why) -> pages
    unexplained = []
    for i, sql in enumerate(texts):
        if i not in plans:
            unexplained.append(sql)
            continue
        for cols in plans[i]:
            text = sql.decode(errors="replace")
            table, why = plan_problems(text, cols)
            if why:
                stmt = re.sub(r"\s+", " ", text)
                problems.setdefault((stmt, table, ", ".join(why), cols[8]), []).extend(by_text[sql])
    check(not unexplained, f"every SELECT could be EXPLAINed ({len(texts)})",
          "\n".join(s.decode(errors="replace")[:300] for s in unexplained[:10]))

    # One failure per page (its path, numbers blanked), statement (values blanked) and table; all of them.
    by_page = collections.OrderedDict()
    for (stmt, table, why, rows), pages in problems.items():
        norm = re.sub(r"'[^']*'|\b\d+\b", "?", stmt)
        for p in dict.fromkeys(pages):
            path = p.partition(" GET ")[2]
            by_page.setdefault((shape(path).split("?")[0], norm, table, why), []).append((p, stmt, rows))
    for (pshape, norm, table, why), hits in by_page.items():
        p, stmt, rows = hits[0]
        check(False, f"{p}: {why} on table {table} (~{rows} rows)", f"statement: {stmt[:1500]}\n"
              f"{len(hits)} request(s) of this page: " + ", ".join(sorted({h[0] for h in hits}))[:600])
    if not by_page:
        check(True, f"no full scan, filesort or temporary table in {len(texts)} distinct SELECTs of "
              f"{len(visits)} pages")

    # The worker's claims and scans, which no page runs: each must read its next rows from an index
    # in the order it takes them (a claim that sorted every due case cost a backlog its square).
    # Their text from src/store/sql.c, each ? a time in the past or 0, EXPLAINed in the desk's session.
    src = open(os.path.join(os.environ["DESK_SRCDIR"], "src/store/sql.c")).read()
    for name in WORKER_STATEMENTS:
        m = re.search(r'\[SQL_\w+\]\s*=\s*\{\s*"' + name + r'",((?:\s*(?:/\*.*?\*/)?\s*"(?:[^"\\]|\\.)*")+)\s*\}',
                      src, re.S)
        check(m is not None, f"the worker's {name} is found in src/store/sql.c")
        if m is None:
            continue
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)))
        text = text.replace("?", "'2026-01-01 00:00:00'")
        out = root_sql((init.group(1) if init else b"") + b";\nEXPLAIN " + text.encode() + b";\n",
                       binary=True).decode(errors="replace")
        bad = []
        for line in out.splitlines():
            cols = line.split("\t")
            if len(cols) == 10:
                table, why = plan_problems(text, cols)
                bad += [f"{table}: {w}" for w in why]
        check(out.strip() != "" and not bad, f"the worker's {name}: read in order from an index, no sort",
              "; ".join(bad) + "\n" + out[:1500])

    # The summary.
    print("# ---- summary: pages with statements that do not scale ----", flush=True)
    summary = collections.OrderedDict()
    for (pshape, norm, table, why), hits in by_page.items():
        summary.setdefault(pshape, set()).add(f"{table}: {why}")
    for pshape, ws in summary.items():
        print(f"# {pshape}: {'; '.join(sorted(ws))}", flush=True)
    if not summary:
        print("# none", flush=True)
    print(f"# crawled {len(visits)} requests in {t_end - t_start:.0f} s; {len(texts)} distinct SELECTs EXPLAINed",
          flush=True)
    print(f"1..{n}")
    print(f"# {n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
