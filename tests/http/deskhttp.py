"""tests/http/deskhttp.py: the HTTP client every HTTP test shares: one cookie jar per path prefix, as a
browser keeps them, forms sent urlencoded, and the sign-in dance with its CSRF token.

A test module makes its own Browser class bound to the server under test:
    class Browser(deskhttp.Browser):
        def __init__(self):
            super().__init__(BASE)
"""
import html.parser
import http.client
import re
import sys
import urllib.parse


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (lower-case name, value)
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def cookies(self):
        return [v for k, v in self.headers if k == "set-cookie"]


class Browser:
    """A client of the server at base with a cookie jar per path prefix; one thread each.
    language, when given, is sent as Accept-Language; on_response(method, path, response)
    is called for every answer (the security-header checks collect them)."""

    def __init__(self, base, language=None, on_response=None):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.jar = {}  # (path, name) -> value
        self.language = language
        self.on_response = on_response

    def cookie_header(self, path):
        return "; ".join(f"{n}={v}" for (p, n), v in self.jar.items() if path.startswith(p))

    def request(self, method, path, body=None, headers=None, raw_cookie=None):
        h = dict(headers or {})
        if self.language:
            h["Accept-Language"] = self.language
        c = raw_cookie if raw_cookie is not None else self.cookie_header(path)
        if c:
            h["Cookie"] = c
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            resp = Response(r.status, [(k.lower(), v) for k, v in r.getheaders()], r.read())
        finally:
            conn.close()
        for sc in resp.cookies():
            name, _, rest = sc.partition("=")
            m = re.search(r"Path=([^;]+)", sc)
            p = m.group(1) if m else "/"
            if "Max-Age=0" in sc:
                self.jar.pop((p, name), None)
            else:
                self.jar[(p, name)] = rest.split(";")[0]
        if self.on_response is not None:
            self.on_response(method, path, resp)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, body=urllib.parse.urlencode(fields),
                            headers={"Content-Type": "application/x-www-form-urlencoded"}, **kw)

    def csrf(self, path):
        m = re.search(r'name="csrf" value="([^"]+)"', self.get(path).text)
        return m.group(1) if m else ""

    def login(self, prefix, login, password="demo"):
        token = self.csrf(prefix + "login")
        return self.post(prefix + "login", {"csrf": token, "login": login, "password": password})


class FormReader(html.parser.HTMLParser):
    """The fields of the first form whose action ends with action, as a browser would send them."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select, self.area = action, False, {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").endswith(self.action) and not self.fields
        elif not self.inside:
            return
        elif tag == "input":
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:
                self.fields[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self.area = a["name"]
            self.fields[self.area] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea" and self.area:
            # As a browser: the newline after <textarea> is not content; line breaks are sent as CRLF.
            v = self.fields[self.area]
            self.fields[self.area] = (v[1:] if v.startswith("\n") else v).replace("\n", "\r\n")
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.area = None

    def handle_data(self, data):
        if self.area:
            self.fields[self.area] += data


def form_of(page, action):
    f = FormReader(action)
    f.feed(page)
    return f.fields


# A statement that changes rows: the desk is told (deskctl refresh), as after SQL by hand.
WRITES = re.compile(r"(^|;)\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def sql(var, q):
    """The output of the SQL q run as root on the test database of the run-time folder var. After a
    statement that writes, the programs of the node are told (deskctl refresh), as the operator
    does after SQL by hand: what they keep for a second (sessions, the policy, pages) is read again."""
    import os
    import subprocess
    out = subprocess.run(["mariadb", "--no-defaults", f"--socket={var}/run/mysqld.sock", "-u", "root", "-N", "-B",
                          "refund_desk", "-e", q], capture_output=True, text=True, errors="replace",
                         check=True).stdout
    if WRITES.search(q):
        rc, msg = deskctl("refresh")
        if rc != 0:
            raise RuntimeError("deskctl refresh failed: " + msg)
    return out


def deskctl(*args):
    """Runs the built deskctl with args; returns (exit status, stdout + stderr)."""
    import os
    import subprocess
    p = subprocess.run([os.path.join(os.environ["DESK_BUILDDIR"], "tools", "deskctl"), *args],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def fcgi_request(sock, params):
    """Sends one FastCGI request on the connected socket sock, as a web server does: the begin
    record (request id 1, the responder role, no keep-alive), the CGI variables of the dict params,
    their end, and an empty stdin."""
    import struct

    def record(kind, body):
        return struct.pack("!BBHHBB", 1, kind, 1, len(body), 0, 0) + body

    pairs = b""
    for k, v in params.items():
        k, v = k.encode(), v.encode()
        pairs += bytes([len(k)]) + (bytes([len(v)]) if len(v) < 128 else
                                    struct.pack("!I", len(v) | 0x80000000)) + k + v
    sock.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, pairs) + record(4, b"") + record(5, b""))


def fcgi_answer(sock):
    """Reads the records of sock's answer up to the end of the request; returns its stdout bytes,
    or None when the connection ended first."""
    import struct
    data, out = b"", b""
    while True:
        while len(data) >= 8:
            _, kind, _, n, pad, _ = struct.unpack("!BBHHBB", data[:8])
            if len(data) < 8 + n + pad:
                break
            if kind == 6:
                out += data[8:8 + n]
            elif kind == 3:
                return out
            data = data[8 + n + pad:]
        more = sock.recv(65536)
        if not more:
            return None
        data += more


def api_json(base, method, path, key, body=None, idem=None):
    """One call of the JSON API at base + /api/v1/path with the key; returns (status, decoded body)."""
    import json
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    if idem:
        h["Idempotency-Key"] = idem
    c.request(method, "/api/v1/" + path, body=None if body is None else json.dumps(body), headers=h)
    r = c.getresponse()
    out = (r.status, json.loads(r.read() or b"null"))
    c.close()
    return out


def print_results(results):
    """Prints results, (ok, name, detail) tuples gathered by a test, as TAP: the plan, a line each
    (a failure's detail as comment lines), and a comment with the counts."""
    print(f"1..{len(results)}")
    for i, (ok, name, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            print("# " + str(detail).replace("\n", "\n# "))
    failed = sum(1 for ok, _, _ in results if not ok)
    print(f"# {len(results) - failed} passed, {failed} failed")


class Tap:
    """TAP lines printed at once (a crash later still shows what passed): check() and comment(),
    count for the plan line at the end."""

    def __init__(self):
        self.count = 0

    def check(self, ok, name, detail=""):
        self.count += 1
        print(f"{'ok' if ok else 'not ok'} {self.count} - {name}")
        if not ok and detail:
            print("# " + str(detail).replace("\n", "\n# "))
        sys.stdout.flush()
        return ok

    def comment(self, text):
        print("# " + text)
        sys.stdout.flush()
