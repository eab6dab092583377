"""tests/http/http_api.py: the shops' JSON API (docs/API.md) through lighttpd and api.fcgi, with a buyer on
the pages: keys (none, wrong, revoked), orders in, cases out with keyset paging, another shop's cases,
decisions with idempotency keys and their replays, conflicts, rate limits.

Usage: http_api.py BASE_URL VARDIR   (run by tests/http/api.test; prints TAP)
"""
import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from deskhttp import deskctl  # noqa: E402
from http_cases import mariadb, open_request, multipart  # noqa: E402

BASE, VAR = sys.argv[1], sys.argv[2]
U = urllib.parse.urlsplit(BASE)
n = failed = 0


def check(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")


def newkey(login, rate="1000"):
    st, out = deskctl("apikey", "add", login, f"test {login}", rate)
    m = re.search(r"^key (\d+) for \S+: (rdk_\S+)$", out, re.M)
    assert st == 0 and m, out
    return int(m.group(1)), m.group(2)


class R:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.raw = status, headers, body
        try:
            self.json = json.loads(body)
        except ValueError:
            self.json = None

    def code(self):
        return (self.json or {}).get("error", {}).get("code")

    def __repr__(self):
        return f"{self.status} {self.raw[:600]!r}"


def api(method, path, key=None, body=None, idem=None, headers=None):
    c = http.client.HTTPConnection(U.hostname, U.port, timeout=30)
    h = dict(headers or {})
    if key:
        h["Authorization"] = f"Bearer {key}"
    if idem:
        h["Idempotency-Key"] = idem
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
        if isinstance(data, str):
            data = data.encode()
        h["Content-Type"] = "application/json"
    c.request(method, "/api/v1/" + path, body=data, headers=h)
    r = c.getresponse()
    out = R(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode())
    c.close()
    return out


SHOP1 = "Lotus Apparel 莲花服饰"
k1id, K1 = newkey("seller1")
k2id, K2 = newkey("seller2")

# Keys.
r = api("GET", "me")
check(r.status == 401 and r.code() == "unauthorized" and r.headers.get("www-authenticate") == "Bearer",
      "no key: 401 unauthorized", r)
r = api("GET", "me", key="rdk_" + "x" * 43)
check(r.status == 401 and r.code() == "invalid_key", "an unknown key: 401 invalid_key", r)
r = api("GET", "me", key=K1)
check(r.status == 200 and r.json["shop"] == SHOP1 and r.headers.get("content-type", "").startswith("application/json"),
      "a key knows its shop", r)
check(mariadb(VAR, f"SELECT COUNT(*) FROM api_keys WHERE key_hash = UNHEX(SHA2('{K1}', 256))").strip() == "1"
      and mariadb(VAR, f"SELECT COUNT(*) FROM api_keys WHERE HEX(key_hash) LIKE '%{K1[4:12].encode().hex().upper()}%' "
                  f"OR label LIKE '%{K1[4:]}%'").strip() == "0",
      "keys are stored as their SHA-256 only")
r = api("GET", "nothing", key=K1)
check(r.status == 404 and r.code() == "not_found", "an unknown endpoint: 404 not_found", r)
r = api("POST", "cases", key=K1, body={})
check(r.status == 405 and r.code() == "method_not_allowed", "a wrong method: 405", r)

# Orders in.
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
order = {"buyer": "buyer1", "order_no": "API-1", "currency": "CNY", "paid_at": iso(now - datetime.timedelta(days=4)),
         "lines": [{"sku": "COAT-M", "title": "Coat 大衣", "variant": "M", "variant_options": ["S", "M", "L"],
                    "quantity": 1, "paid_cents": 39900}]}
r = api("POST", "orders", key=K1, body=order)
check(r.status == 201 and r.json["result"] == "created" and r.json["order_no"] == "API-1",
      "POST orders creates an order of the key's shop", r)
r = api("POST", "orders", key=K1, body=order)
check(r.status == 200 and r.json["result"] == "unchanged", "the same order again: unchanged", r)
order.update(shipped_at=iso(now - datetime.timedelta(days=3)), delivered_at=iso(now - datetime.timedelta(days=1)),
             carrier="SF", waybill="SF777")
r = api("POST", "orders", key=K1, body=order)
check(r.status == 200 and r.json["result"] == "updated", "shipping facts: updated", r)
r = api("POST", "orders", key=K2, body=order)
check(r.status == 422 and r.code() == "order_no_taken", "another shop cannot touch the order number", r)
r = api("POST", "orders", key=K2, body=dict(order, shop=SHOP1, order_no="API-X"))
check(r.status == 422 and r.code() == "wrong_shop", "a key cannot import for another shop", r)
r = api("POST", "orders", key=K1, body=dict(order, order_no="API-2", lines=[{"sku": "A", "title": "A", "quantity": 1,
                                                                              "paid_cents": 12.5}]))
check(r.status == 422 and r.code() == "bad_field" and "paid_cents" in r.json["error"]["message"],
      "a decimal amount is refused with bad_field", r)
r = api("POST", "orders", key=K1, body="{not json")
check(r.status == 400 and r.code() == "bad_json", "a body that is not JSON: 400 bad_json", r)

# The buyer opens a case on the pages.
buyer = deskhttp.Browser(BASE)
buyer.login("/buyer/", "buyer1")
oid = mariadb(VAR, "SELECT id FROM orders WHERE order_no = 'API-1'").strip()
f = open_request(buyer, oid, "return_refund", "yes", "no_reason_7d")
body, ctype = multipart(f, [])
r2 = buyer.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
loc = r2.header("location") or ""
check(r2.status == 303 and "/buyer/case/" in loc, "the buyer opens a case on the imported order", f"{r2.status} {r2.text[:800]}")
case_id = int(loc.rsplit("/", 1)[-1] or 0)

# Cases out.
r = api("GET", "cases?state=requested", key=K1)
ids = [c["id"] for c in (r.json or {}).get("cases", [])]
check(r.status == 200 and case_id in ids and all(c["state"] == "requested" for c in r.json["cases"]),
      "the new case is in the shop's list of requested cases", r)
total = int(mariadb(VAR, "SELECT COUNT(*) FROM cases WHERE shop_id = 1"))
seen, after, pages = [], "", 0
while True:
    r = api("GET", f"cases?limit=2{after}", key=K1)
    if r.status != 200:
        break
    seen += [c["id"] for c in r.json["cases"]]
    pages += 1
    if r.json["next_after"] is None:
        break
    after = f"&after={r.json['next_after']}"
check(len(seen) == total and len(set(seen)) == total and seen == sorted(seen, reverse=True) and pages >= 2,
      f"keyset paging walks all {total} cases of the shop once, newest first", f"{len(seen)} of {total} in {pages} pages")
r = api("GET", "cases?state=nonsense", key=K1)
check(r.status == 422 and r.code() == "bad_field", "a bad filter: 422 bad_field", r)
r = api("GET", f"cases/{case_id}", key=K1)
check(r.status == 200 and r.json["order_no"] == "API-1" and r.json["timeline"][0]["event"] == "submit"
      and r.json["lines"][0]["sku"] == "COAT-M" and "approve_return" in r.json["actions"],
      "one case with its lines, timeline and open actions", r)
rma = (r.json or {}).get("rma_no", "")
r = api("GET", f"cases/{rma}", key=K1)
check(r.status == 200 and r.json["id"] == case_id, "a case by its RMA number", r)
r = api("GET", f"cases/{case_id}", key=K2)
check(r.status == 404 and r.code() == "not_found", "another shop's case: 404, as one that does not exist", r)
r = api("POST", f"cases/{case_id}/actions", key=K2, idem="k2-1", body={"action": "approve_return"})
check(r.status == 404, "another shop cannot decide on the case", r)
check(mariadb(VAR, f"SELECT state FROM cases WHERE id = {case_id}").strip() == "requested", "... and nothing changed")

# Decisions.
r = api("POST", f"cases/{case_id}/actions", key=K1, body={"action": "approve_return"})
check(r.status == 400 and r.code() == "idempotency_key_required", "a decision without Idempotency-Key: 400", r)
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-1", body={"action": "escalate"})
check(r.status == 422 and r.code() == "bad_action", "a buyer's event is not the seller's: bad_action", r)
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-2", body={"action": "reject"})
check(r.status == 422 and r.code() in ("bad_field", "invalid"), "reject without a reason: 422", r)
dec = {"action": "approve_return", "expect_state": "requested"}
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-3", body=dec)
check(r.status == 200 and r.json["state"] == "awaiting_return" and r.json["timeline"][-1]["event"] == "approve_return"
      and r.json["timeline"][-1]["actor_role"] == "seller", "approve_return through the API, same engine as the pages", r)
first = r.raw
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-3", body=dec)
check(r.status == 200 and r.raw == first and r.headers.get("idempotent-replayed") == "true",
      "the same Idempotency-Key again replays the first answer", r)
check(mariadb(VAR, f"SELECT COUNT(*) FROM timeline WHERE case_id = {case_id} AND event = 'approve_return'").strip() == "1",
      "... and acts once")
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-3", body={"action": "reject", "refusal": "used"})
check(r.status == 422 and r.code() == "idempotency_key_reused", "the key with another request: idempotency_key_reused", r)
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-4", body=dec)
check(r.status == 409 and r.code() == "conflict", "a decision on a state that moved on: 409 conflict", r)
r = api("POST", f"cases/{case_id}/actions", key=K1, idem="a-5", body={"action": "message", "note": "请寄回 please"})
check(r.status == 200 and r.json["timeline"][-1]["note"] == "请寄回 please", "a message through the API", r)
r = buyer.get(f"/buyer/case/{case_id}")
check(r.status == 200 and "请寄回 please" in r.text, "the buyer sees the seller's API message on the page", r.status)
check('href="https://www.kuaidi100.com/chaxun?com=shunfeng&amp;nu=SF777"' in r.text,
      "the order's waybill (carrier SF) is a link to the carrier's tracking page", re.findall(r'<section class="card parcels">.*?</section>', r.text, re.S))
seller = deskhttp.Browser(BASE)
seller.login("/seller/", "seller1")
r = seller.get(f"/seller/case/{case_id}")
check(r.status == 200 and "nu=SF777" in r.text and ("SF Express" in r.text or "顺丰速运" in r.text),
      "... on the seller's case page too, with the carrier's name", r.status)

# Refund-only cases the buyer opens on unshipped orders: an offer, an approval, a refusal.
def refund_case(no):
    r = api("POST", "orders", key=K1, body={"buyer": "buyer1", "order_no": no, "currency": "CNY",
                                             "paid_at": iso(now - datetime.timedelta(hours=5)),
                                             "lines": [{"sku": "BAG", "title": "Bag 包", "quantity": 1, "paid_cents": 99900}]})
    oid = r.json["order_id"] if r.status == 201 else 0
    f = open_request(buyer, oid, "refund_only", "no", "changed_mind_unshipped")
    body, ctype = multipart(f, [])
    r = buyer.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
    return int((r.header("location") or "/0").rsplit("/", 1)[-1] or 0)


cid2, cid3, cid4 = refund_case("API-3"), refund_case("API-4"), refund_case("API-5")
check(cid2 and cid3 and cid4, "the buyer opens three refund-only cases", (cid2, cid3, cid4))
r = api("POST", f"cases/{cid2}/actions", key=K1, idem="b-1",
        body={"action": "offer", "amount_cents": 50000, "note": "A partial refund"})
check(r.status == 200 and r.json["state"] == "offered" and r.json["offered_cents"] == 50000, "an offer", r)
r = api("POST", f"cases/{cid3}/actions", key=K1, idem="b-2", body={"action": "approve_refund"})
check(r.status == 200 and r.json["state"] in ("refunding", "refunded") and r.json["approved_cents"] == 99900,
      "approve_refund", r)
r = api("POST", f"cases/{cid4}/actions", key=K1, idem="b-3",
        body={"action": "reject", "refusal": "other", "note": "Already packed"})
check(r.status == 200 and r.json["state"] == "rejected", "reject with a reason from the list", r)
r = api("POST", f"cases/{cid4}/actions", key=K1, idem="b-4", body={"action": "confirm_receipt"})
check(r.status == 422 and r.code() == "not_allowed", "an action the state does not allow: 422 not_allowed", r)
r = buyer.get(f"/buyer/case/{cid3}")
check(r.status == 200 and "999.00" in r.text, "the buyer's page shows the API's approval", r.status)

# Revocation and rate limits.
st, out = deskctl("apikey", "revoke", str(k2id))
r = api("GET", "me", key=K2)
check(st == 0 and r.status == 401 and r.code() == "key_revoked", "a revoked key: 401 key_revoked", f"{out} {r}")
st, out = deskctl("apikey", "list")
check(st == 0 and re.search(rf"^{k2id}\t.*\trevoked$", out, re.M) and K1 not in out,
      "apikey list shows keys by prefix and state, never the key", out)
k3id, K3 = newkey("seller1", "3")
codes = [api("GET", "me", key=K3).status for _ in range(3)]
r = api("GET", "me", key=K3)
if r.status != 429 and codes == [200, 200, 200]:
    # The three may have straddled a minute boundary: one more window.
    codes = [api("GET", "me", key=K3).status for _ in range(2)]
    r = api("GET", "me", key=K3)
check(r.status == 429 and r.code() == "rate_limited" and 0 < int(r.headers.get("retry-after", "0")) <= 60,
      "over the key's rate: 429 rate_limited with Retry-After", f"{codes} {r}")
r = api("GET", "me", key=K1)
check(r.status == 200, "another key is not limited by it", r)

print(f"1..{n}")
print(f"# {n - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
