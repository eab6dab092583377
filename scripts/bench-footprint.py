#!/usr/bin/env python3
"""scripts/bench-footprint.py: the measuring half of scripts/bench-footprint.

PORT LIGHTTPD_PIDFILE N -> per program: RSS (KB, each process, from ps) and
Private_Dirty / shared-object share (from /proc/PID/smaps_rollup and smaps)
after a warm-up, then the median time from spawn to first answer over N
spawns. REFUND_DESK_CONF names the configuration.
"""
import importlib.util, os, re, subprocess, sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _bench_pages():
    """scripts/bench-pages.py as a module (its name has a dash)."""
    spec = importlib.util.spec_from_file_location(
        "bench_pages", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-pages.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


# The client and the spawn-to-first-answer measurement of bench-pages.
_BP = _bench_pages()
Client, startup = _BP.Client, _BP.startup


def links(page, desk):
    return sorted(set(p for p in re.findall(r'href="(/%s/[^"#?]*)"' % desk, page)
                      if "logout" not in p))


def warm(port):
    """Every desk signed in; each page linked from its start page and from
    the pages those link to, visited 20 times, in both languages."""
    for desk, login in (("buyer", "buyer1"), ("seller", "seller1"),
                        ("admin", "admin")):
        for lang in ("en", "zh-CN"):
            c = Client(port).sign_in(desk, login)
            hdr = {"Accept-Language": lang}
            seen, todo = set(), [f"/{desk}/"]
            while todo and len(seen) < 40:
                p = todo.pop()
                if p in seen:
                    continue
                seen.add(p)
                st, page = c.req("GET", p, headers=hdr)
                if st == 200:
                    todo += [q for q in links(page, desk) if q not in seen]
            for _ in range(20):
                for p in seen:
                    c.req("GET", p, headers=hdr)
    for _ in range(200):
        Client(port).req("GET", "/hello/")
        Client(port).req("GET", "/api/v1/me")


def children(pidfile):
    ppid = open(pidfile).read().strip()
    out = subprocess.run(["ps", "--ppid", ppid, "-o", "pid=,comm=,rss="],
                         capture_output=True, text=True).stdout
    return [(int(a), b, int(c)) for a, b, c in (l.split() for l in out.splitlines() if l.strip())]


def smaps(pid):
    """(Rss of shared objects' mappings, Private_Dirty, anon) in KB."""
    roll = {}
    for l in open(f"/proc/{pid}/smaps_rollup"):
        m = re.match(r"(\w+):\s+(\d+) kB", l)
        if m:
            roll[m.group(1)] = int(m.group(2))
    lib, cur = 0, None
    for l in open(f"/proc/{pid}/smaps"):
        if re.match(r"[0-9a-f]+-[0-9a-f]+ ", l):
            f = l.split()
            cur = f[5] if len(f) > 5 else ""
        elif l.startswith("Rss:") and cur and ".so" in cur:
            lib += int(l.split()[1])
    nlib = len(set(l.split()[-1] for l in open(f"/proc/{pid}/maps") if ".so" in l))
    return lib, roll.get("Private_Dirty", 0), roll.get("Anonymous", 0), nlib


def detail(pid, name):
    """The 15 mappings that take the most of pid's RSS: file (or [heap]),
    RSS, clean (shared with the page cache) and private dirty, in KB."""
    d, cur = {}, None
    for l in open(f"/proc/{pid}/smaps"):
        if re.match(r"[0-9a-f]+-[0-9a-f]+ ", l):
            f = l.split()
            cur = os.path.basename(f[5]) if len(f) > 5 else "[anon]"
            d.setdefault(cur, [0, 0, 0])
        else:
            m = re.match(r"(\w+):\s+(\d+) kB", l)
            if m and m.group(1) == "Rss":
                d[cur][0] += int(m.group(2))
            elif m and m.group(1) in ("Shared_Clean", "Private_Clean"):
                d[cur][1] += int(m.group(2))
            elif m and m.group(1) == "Private_Dirty":
                d[cur][2] += int(m.group(2))
    print(f"{name} (pid {pid}), the largest mappings: KB rss / clean / dirty")
    for k, v in sorted(d.items(), key=lambda kv: -kv[1][0])[:15]:
        print(f"  {k:<32} {v[0]:>6} {v[1]:>6} {v[2]:>6}")




def main():
    port, pidfile, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    warm(port)
    print(f"{'program':<12} {'RSS KB (ps)':>12} {'in .so KB':>10} {'Priv_Dirty':>10} "
          f"{'anon KB':>8} {'.so files':>9}")
    for name in ("buyer.fcgi", "seller.fcgi", "admin.fcgi", "api.fcgi", "hello.fcgi"):
        for pid, comm, rss in children(pidfile):
            if comm == name:
                lib, pd, anon, nlib = smaps(pid)
                print(f"{name:<12} {rss:>12} {lib:>10} {pd:>10} {anon:>8} {nlib:>9}")
    if os.environ.get("FOOTPRINT_DETAIL"):
        for name in ("buyer.fcgi", "admin.fcgi"):
            procs = [c for c in children(pidfile) if c[1] == name]
            if procs:
                detail(max(procs, key=lambda c: c[2])[0], name)
    conf = os.environ["REFUND_DESK_CONF"]
    print(f"spawn to first answer, median of {n}:")
    for prog, uri in (("cgi-bin/buyer.fcgi", "/buyer/policy"),
                      ("cgi-bin/seller.fcgi", "/seller/login"),
                      ("cgi-bin/admin.fcgi", "/admin/login"),
                      ("cgi-bin/api.fcgi", "/api/v1/me"),
                      ("tools/hello.fcgi", "/hello/")):
        ms = startup(os.path.join(TOP, prog), uri, conf, n)
        print(f"  {os.path.basename(prog):<12} {ms:7.1f} ms")


main()
