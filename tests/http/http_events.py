"""tests/http/http_events.py: outgoing event webhooks end to end (run by tests/http/events.test; prints TAP).

Endpoints are registered with deskctl; a seller acts through the API; the worker (deskctl sweep) delivers
the events, signed, to a receiver that fails, is slow and lies; the clock is moved to reach the retries.

Usage: http_events.py BASE_URL VARDIR RECEIVER_URL
"""
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from deskhttp import deskctl  # noqa: E402
from http_cases import mariadb, open_request, multipart  # noqa: E402

BASE, VAR, RECV = sys.argv[1:4]
U = urllib.parse.urlsplit(BASE)
n = failed = 0


def check(cond, name, detail=""):
    global n, failed
    n += 1
    print(f"ok {n} - {name}" if cond else f"not ok {n} - {name}")
    if not cond:
        failed += 1
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")


def api(method, path, key, body=None, idem=None):
    return deskhttp.api_json(BASE, method, path, key, body, idem)


def received():
    try:
        return [json.loads(line) for line in open(f"{VAR}/recv.log")]
    except OSError:
        return []


def move_clock(secs):
    off = int(open(f"{VAR}/clock-offset").read().strip() or 0) + secs
    with open(f"{VAR}/clock-offset", "w") as f:
        f.write(f"{off}\n")


def sweep():
    st, out = deskctl("sweep")
    return st


def statuses(path):
    return mariadb(VAR, f"""SELECT d.status, d.attempts FROM webhook_deliveries d
        WHERE d.endpoint_id = {ids[path]} ORDER BY d.id""").split("\n")[:-1]


# The demo data's events go out before any endpoint exists: to nobody.
sweep()
check(mariadb(VAR, "SELECT COUNT(*) FROM event_outbox WHERE fanned_at IS NULL").strip() == "0"
      and int(mariadb(VAR, "SELECT COUNT(*) FROM event_outbox")) > 0, "the demo's events were fanned out to no endpoint")
SHOP1, SHOP2 = "Lotus Apparel 莲花服饰", "Kirin Digital 麒麟数码"
K1 = re.search(r"(rdk_\S+)", deskctl("apikey", "add", "seller1", "events")[1]).group(1)
K2 = re.search(r"(rdk_\S+)", deskctl("apikey", "add", "seller2", "events")[1]).group(1)
# A buyer opens a case on the pages on an order the shop imported through the API.
r = api("POST", "orders", K1, {"buyer": "buyer1", "order_no": "EV-1", "currency": "CNY",
                               "paid_at": "2026-11-20T10:00:00Z", "shipped_at": "2026-11-21T10:00:00Z",
                               "delivered_at": mariadb(VAR, "SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 1 DAY, '%Y-%m-%dT%H:%i:%sZ')").strip(),
                               "lines": [{"sku": "EV", "title": "Event test", "quantity": 1, "paid_cents": 5000}]})
buyer = deskhttp.Browser(BASE)
buyer.login("/buyer/", "buyer1")
f = open_request(buyer, r[1]["order_id"], "return_refund", "yes", "no_reason_7d")
body, ctype = multipart(f, [])
r = buyer.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
c1 = (r.header("location") or "/").rsplit("/", 1)[-1]
sweep()
secrets, ids = {}, {}
for shop, path, events in ((SHOP1, "/ok", ""), ("platform", "/fail", ""), (SHOP1, "/slow", ""),
                           (SHOP1, "/lie", "case.decided,case.message"), (SHOP2, "/other", ""),
                           (SHOP1, "/down", "")):
    url = (RECV + path) if path != "/down" else "http://127.0.0.1:9/down"
    args = ["webhook", "add", shop, url] + ([events] if events else [])
    st, out = deskctl(*args)
    m = re.search(r"^endpoint (\d+) for .*: secret (\S+)$", out, re.M)
    assert st == 0 and m, out
    secrets[path], ids[path] = m.group(2), int(m.group(1))
with open(f"{VAR}/secrets.json", "w") as f:
    json.dump(secrets, f)
check(mariadb(VAR, "SELECT COUNT(*) FROM webhook_endpoints").strip() == "6", "deskctl webhook add registers endpoints")

c2 = mariadb(VAR, "SELECT id FROM cases WHERE shop_id = 2 AND state NOT IN ('refunded','closed','exchanged') "
                  "ORDER BY id LIMIT 1").strip()
before = int(mariadb(VAR, "SELECT COUNT(*) FROM event_outbox"))
s1 = api("POST", f"cases/{c1}/actions", K1, {"action": "message", "note": "Hello <b>buyer</b>"}, "m1")
s2 = api("POST", f"cases/{c1}/actions", K1, {"action": "approve_return", "expect_state": "requested"}, "m2")
s3 = api("POST", f"cases/{c2}/actions", K2, {"action": "message", "note": "shop two"}, "m3")
check(s1[0] == 200 and s2[0] == 200 and s3[0] == 200, "three changes through the API", (s1, s2, s3))
after = int(mariadb(VAR, "SELECT COUNT(*) FROM event_outbox"))
check(after - before == 3, "each change put one event in the outbox, in its transaction", after - before)
check(received() == [], "nothing was sent during the web requests")

sweep()
got = received()
ok = [r for r in got if r["path"] == "/ok"]
check(len(ok) == 2 and all(r["sig_ok"] and not r["tampered_ok"] for r in ok)
      and [r["type"] for r in ok] == ["case.message", "case.decided"],
      "the shop's endpoint gets its two events, signed (a changed body does not verify)", got)
body = ok[0]["body"] if ok else {}
check(body.get("event") == "message" and body.get("note") == "Hello <b>buyer</b>" and body.get("case", {}).get("id") == int(c1)
      and body.get("id") == int(ok[0]["event_id"]), "the payload: event, note, case, event id", body)
other = [r for r in got if r["path"] == "/other"]
check(len(other) == 1 and other[0]["sig_ok"] and other[0]["body"]["case"]["id"] == int(c2),
      "another shop's endpoint gets only its shop's event", other)
check(statuses("/ok") == ["delivered\t1", "delivered\t1"], "delivered on the first attempt", statuses("/ok"))
check(statuses("/fail") == ["pending\t1"] * 3, "the platform's endpoint (every shop) failed once on each event",
      statuses("/fail"))
check(statuses("/slow") == ["pending\t1"] * 2 and "timed out" in mariadb(VAR, f"SELECT last_error FROM webhook_deliveries WHERE endpoint_id = {ids['/slow']} LIMIT 1"),
      "a slow endpoint times out and waits for a retry", statuses("/slow"))
check(statuses("/lie") == ["pending\t1"] * 2, "a redirect is not a delivery", statuses("/lie"))
k = len(received())
sweep()
check(len(received()) == k, "nothing is retried before its back-off")

move_clock(31)
sweep()
check(statuses("/slow") == ["delivered\t2"] * 2 and statuses("/lie") == ["delivered\t2"] * 2,
      "after the back-off, the slow endpoint and the liar (a 202 that says it failed) are delivered",
      statuses("/slow") + statuses("/lie"))
check(statuses("/fail") == ["pending\t2"] * 3, "the failing endpoint fails again", statuses("/fail"))
move_clock(61)
sweep()
check(statuses("/fail") == ["delivered\t3"] * 3, "... and is delivered on the third attempt, after 30 s then 60 s",
      statuses("/fail"))
slow_ids = sorted({r["event_id"] for r in received() if r["path"] == "/slow"})
check(len(slow_ids) == 2 and all(r["sig_ok"] for r in received()),
      "every request the receiver got verifies; the slow one got each event twice under one event id",
      received())

for _ in range(8):
    move_clock(3600)
    sweep()
check(statuses("/down")[:2] == ["failed\t8"] * 2, "an endpoint that never answers is given up after 8 attempts",
      statuses("/down"))
st, out = deskctl("webhook", "list")
m = re.search(r"^%d\t.*\t(\d+) pending, (\d+) delivered, (\d+) failed$" % ids["/down"], out, re.M)
check(st == 0 and m and m.group(2) == "0" and int(m.group(3)) >= 2,
      "deskctl webhook list shows the endpoints with their deliveries", out)
st, out = deskctl("webhook", "deliveries", "5")
check(st == 0 and "attempts" in out, "deskctl webhook deliveries lists the attempts", out)

# The admin page: endpoints with their deliveries, keys made (shown once) and revoked.
admin = deskhttp.Browser(BASE)
admin.login("/admin/", "admin")
r = admin.get("/admin/integrations")
check(r.status == 200 and f"{RECV}/fail" in r.text and "Latest deliveries" in r.text and "HTTP 500" not in r.text.split("Latest deliveries")[0]
      and re.search(r"<td[^>]*>delivered</td>", r.text) and "failed" in r.text,
      "the admin page lists the endpoints and the deliveries with their attempts", r.text[:2000])
csrf = admin.csrf("/admin/integrations")
r = admin.post("/admin/integrations/key", {"csrf": csrf, "login": "seller1", "label": "From the admin page", "rate": "50"})
m = re.search(r'<code class="secret">(rdk_[^<]+)</code>', r.text)
check(r.status == 200 and m and "no-store" in (r.header("cache-control") or ""), "an admin makes a key, shown once", r.status)
key = m.group(1) if m else ""
check(api("GET", "me", key)[0] == 200, "the admin's key works")
r = admin.get("/admin/integrations")
check(key and key not in r.text and key[:8] in r.text, "the list shows the key by its first characters only")
kid = mariadb(VAR, "SELECT id FROM api_keys WHERE label = 'From the admin page'").strip()
r = admin.post(f"/admin/integrations/key/{kid}/revoke", {"csrf": csrf})
check(r.status == 303 and api("GET", "me", key)[0] == 401, "an admin revokes it; it stops working at once", r.status)
r = admin.post("/admin/integrations/key", {"csrf": csrf, "login": "nobody", "label": "x"})
check(r.status == 422 and "There is no seller with this login." in r.text, "a key for no seller: 422", r.status)
r = admin.post("/admin/integrations/endpoint", {"csrf": csrf, "shop": "", "url": "ftp://x", "events": ""})
check(r.status == 422, "an endpoint that is not http(s): 422", r.status)
r = admin.post("/admin/integrations/endpoint", {"csrf": csrf, "shop": "2", "url": RECV + "/admin", "events": "case.opened"})
check(r.status == 200 and re.search(r'<code class="secret">[A-Za-z0-9_-]{43}</code>', r.text)
      and mariadb(VAR, "SELECT COUNT(*) FROM webhook_endpoints WHERE shop_id = 2 AND events = 'case.opened'").strip() == "1",
      "an admin registers an endpoint and sees its secret once", r.status)
r = admin.post("/admin/integrations/key", {"login": "seller1", "label": "no csrf"})
check(r.status == 403, "the forms need their CSRF token", r.status)

print(f"1..{n}")
print(f"# {n - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
