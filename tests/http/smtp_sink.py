"""tests/http/smtp_sink.py: a real SMTP server for tests/http/mail.test (Python 3.11's smtpd).

Usage: smtp_sink.py PORTFILE MAILDIR
Each message taken is written to MAILDIR/N.eml. The first message to an address that starts with
"flaky" is refused with 451 (try again later), so that the desk's retries are seen.
"""
import asyncore
import os
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import smtpd  # noqa: E402

PORTFILE, MAILDIR = sys.argv[1:3]
refused = set()


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        for r in rcpttos:
            if r.startswith("flaky") and r not in refused:
                refused.add(r)
                return "451 Try again later"
        n = len(os.listdir(MAILDIR))
        with open(os.path.join(MAILDIR, f"{n:04d}.eml"), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return None


s = Sink(("127.0.0.1", 0), None, decode_data=False)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(s.socket.getsockname()[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
asyncore.loop()
