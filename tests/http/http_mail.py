"""tests/http/http_mail.py: e-mail notifications end to end (run by tests/http/mail.test; prints TAP).

Usage: http_mail.py BASE_URL VARDIR
"""
import email
import email.policy
import glob
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deskhttp  # noqa: E402
from deskhttp import deskctl  # noqa: E402
from http_cases import mariadb, open_request, multipart  # noqa: E402

BASE, VAR = sys.argv[1:3]
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


def mails():
    out = []
    for f in sorted(glob.glob(f"{VAR}/mail/*.eml")):
        m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
        text = m.get_body(("plain",)).get_content()
        html = m.get_body(("html",)).get_content()
        out.append({"to": m["To"], "subject": str(m["Subject"]), "text": text, "html": html})
    return out


def move_clock(secs):
    off = int(open(f"{VAR}/clock-offset").read().strip() or 0) + secs
    with open(f"{VAR}/clock-offset", "w") as f:
        f.write(f"{off}\n")


def sweep():
    return deskctl("sweep")[0]


sweep()  # the demo's events: nobody has an address yet
check(mails() == [], "no mail for users without an address")
st1 = deskctl("user", "email", "buyer1", "flaky-buyer1@example.com")[0]
st2 = deskctl("user", "email", "seller1", "seller1@shop.example")[0]
mariadb(VAR, "UPDATE users SET locale = 'en' WHERE login = 'seller1'")
check(st1 == 0 and st2 == 0, "deskctl user email sets addresses")
K1 = re.search(r"(rdk_\S+)", deskctl("apikey", "add", "seller1", "mail")[1]).group(1)

r = api("POST", "orders", K1, {"buyer": "buyer1", "order_no": "ML-1", "currency": "CNY",
                               "paid_at": "2026-11-20T10:00:00Z", "shipped_at": "2026-11-21T10:00:00Z",
                               "delivered_at": mariadb(VAR, "SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 1 DAY, '%Y-%m-%dT%H:%i:%sZ')").strip(),
                               "lines": [{"sku": "ML", "title": "Mail test", "quantity": 1, "paid_cents": 5000}]})
buyer = deskhttp.Browser(BASE)
buyer.login("/buyer/", "buyer1")
f = open_request(buyer, r[1]["order_id"], "return_refund", "yes", "no_reason_7d")
body, ctype = multipart(f, [])
r = buyer.request("POST", "/buyer/case/new", body=body, headers={"Content-Type": ctype})
cid = int((r.header("location") or "/0").rsplit("/", 1)[-1] or 0)
check(cid > 0, "the buyer opens a case", r.status)
check(mails() == [], "nothing is sent during the web request")
sweep()
m = mails()
check(len(m) == 1 and m[0]["to"] == "seller1@shop.example" and "A buyer opened a new case." in m[0]["subject"]
      and f"https://desk.example/seller/case/{cid}" in m[0]["text"]
      and f'href="https://desk.example/seller/case/{cid}"' in m[0]["html"],
      "the shop's seller is told of the new case, in English (their language), text and HTML with the link", m)

api("POST", f"cases/{cid}/actions", K1, {"action": "approve_return"}, "ml-1")
sweep()
q = mariadb(VAR, "SELECT status, attempts, last_error FROM mail_queue WHERE to_addr LIKE 'flaky%'").strip()
check(q.startswith("pending\t1\t") and len(mails()) == 1, "an SMTP server that says 451: the mail waits for a retry", q)
move_clock(31)
sweep()
m = mails()
b = [x for x in m if "buyer1" in x["to"]]
check(len(b) == 1 and "卖家已同意退货" in b[0]["subject"] and "张小雨，您好" in b[0]["text"]
      and f"https://desk.example/buyer/case/{cid}" in b[0]["text"] and "查看售后单" in b[0]["html"],
      "after the back-off the buyer is told, in Chinese, with the link to the case", b)

api("POST", f"cases/{cid}/actions", K1, {"action": "message", "note": "Please use <b>SF</b> & keep the tag"}, "ml-2")
sweep()
b = [x for x in mails() if "buyer1" in x["to"]]
check(len(b) == 2 and "Please use <b>SF</b> & keep the tag" in b[1]["text"]
      and "Please use &lt;b&gt;SF&lt;/b&gt; &amp; keep the tag" in b[1]["html"] and "<b>SF" not in b[1]["html"],
      "a message comes with its words, escaped in the HTML part", b[-1:] if b else m)
sel = lambda: [x for x in mails() if x["to"] == "seller1@shop.example"]  # noqa: E731
buy = lambda: [x for x in mails() if "buyer1" in x["to"]]  # noqa: E731
ks, kb = len(sel()), len(buy())
api("POST", f"cases/{cid}/actions", K1, {"action": "message", "note": "seller's own message"}, "ml-3")
sweep()
check(len(sel()) == ks and len(buy()) == kb + 1, "the seller is not told of the seller's own message; the buyer is")
kb += 1

# The buyer's next step (shipping the goods back) comes due: one reminder, not two.
left = int(mariadb(VAR, f"SELECT UNIX_TIMESTAMP(deadline_at) - UNIX_TIMESTAMP(UTC_TIMESTAMP()) FROM cases WHERE id = {cid}"))
off = int(open(f"{VAR}/clock-offset").read().strip() or 0)
kb = len(buy())
sweep()
check(len(buy()) == kb, "no reminder while the deadline is more than a day away")
move_clock(left - off - 20 * 3600)
sweep()
sweep()
b = buy()
check(len(b) == kb + 1 and "一天内到期" in b[-1]["subject"] and f"/buyer/case/{cid}" in b[-1]["text"],
      "a day before the buyer's deadline, one reminder in the buyer's language", b[-1:])
kb = len(b)
buyer.login("/buyer/", "buyer1")  # the clock moved past the session's life
csrf = buyer.csrf("/buyer/notifications")
r = buyer.get("/buyer/notifications")
check(r.status == 200 and 'value="flaky-buyer1@example.com"' in r.text and " checked>" in r.text,
      "the buyer's E-mail page shows the address, notifications on", r.status)
r = buyer.post("/buyer/notifications", {"csrf": csrf, "email": "not an address"})
check(r.status == 422, "a bad address is refused with 422", r.status)
r = buyer.post("/buyer/notifications", {"csrf": csrf, "email": "flaky-buyer1@example.com"})
check(r.status == 303 and mariadb(VAR, "SELECT email_notify FROM users WHERE login = 'buyer1'").strip() == "0",
      "the buyer turns e-mail off on the page", r.status)
api("POST", f"cases/{cid}/actions", K1, {"action": "message", "note": "after opt-out"}, "ml-4")
sweep()
check(len(buy()) == kb, "a buyer who turned e-mail off gets none")
check(all("E-mail page" in x["text"] or "邮件通知" in x["text"] for x in mails()), "every mail says how to turn them off")

print(f"1..{n}")
print(f"# {n - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
