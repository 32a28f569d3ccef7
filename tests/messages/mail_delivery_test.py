"""Mails and webhooks, delivered for real: a real SMTP server (aiosmtpd) and a real HTTP
receiver on 127.0.0.1 take what the engine's own sender sends.

Checks: opening a complaint mails case.acknowledged in the customer's language with the case
number, decision date and status link, and the complaint receipt as a PDF (read back with
poppler's pdftotext), and tells the staff address; the decision mail carries the decision letter; each later step mails once
(the customer's own reply is not echoed back, staff hear of it); a decision with an amount;
a withdrawal's acknowledgement carries the whole statement and the time it was made; CR/LF in a
name never splits a header and markup in it is escaped in the HTML part. Webhooks: a receiver
answering 500, then too slowly, then 200 sees one webhook-id on every attempt, with a signature
checked here by Python's hmac; a dead letter is replayed. Crashes: a sender killed with -9
mid-batch and restarted, and an SMTP server stopped for a while: every mail arrives, none stays
pending. TLS: STARTTLS with AUTH against a relay whose certificate the engine verifies; a wrong
password, an unknown authority and a relay without STARTTLS send nothing and say why.

Run: RECLAIM_LIBRARY=…/libreclaim.so python3 mail_delivery_test.py SDK_PYTHON_DIR
"""
import base64
import datetime
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

SDK = sys.argv.pop(1)
sys.path.insert(0, SDK)
import reclaim  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

def iso_days_ago(days):
    """The engine reads the real clock here: the order is dated from today, so that its 14 days
    for a withdrawal have not run out whenever the suite runs."""
    moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
ORDER = {"id": "727", "number": "727", "currency": "PLN",
         "customer": {"email": "jan@example.pl", "name": "Jan Kowalski"},
         "placed_at": iso_days_ago(6), "delivered_at": iso_days_ago(2),
         "lines": [{"id": "1", "sku": "KET-1", "name": "Czajnik elektryczny", "qty": 99,
                    "unit_price": "199.99"}]}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self, delay=0.0):
        self.messages, self.lock, self.delay = [], threading.Lock(), delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, parsed, envelope.content))
        return "250 OK"

    def wait(self, count, seconds=30):
        until = time.time() + seconds
        while time.time() < until:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        with self.lock:
            return list(self.messages)

    def to(self, address):
        with self.lock:
            return [m for rcpt, m, _ in self.messages if address in rcpt]


def attachments(message):
    return [(a.get_filename(), a.get_content_type(), a.get_content())
            for a in message.iter_attachments()]


def pdf_text(data):
    """The PDF's text as poppler's pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        # poppler's tool without the sanitizer runtime the suite may preload into this process
        tool_env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
        return subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], check=True,
                              capture_output=True, env=tool_env, timeout=60).stdout.decode()


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


class Receiver(http.server.BaseHTTPRequestHandler):
    """Answers from a script of (status, delay) per path, then 200; records every request."""
    script = {}
    seen = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Receiver.seen.append((self.path, dict(self.headers), body))
        steps = Receiver.script.setdefault(self.path, [])
        status, delay = steps.pop(0) if steps else (200, 0)
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            pass

    def log_message(self, *args):
        pass


def verify(headers, body):
    """The Standard Webhooks check, written from the specification, not from our code."""
    key = base64.b64decode(SECRET[len("whsec_"):])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(sig == "v1," + expected for sig in headers["webhook-signature"].split(" "))


class Delivery(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="reclaim-mail-")
        cls.inbox = Inbox()
        cls.smtp_port = free_port()
        cls.smtp = Controller(cls.inbox, hostname="127.0.0.1", port=cls.smtp_port)
        cls.smtp.start()
        cls.http_port = free_port()
        cls.http = http.server.ThreadingHTTPServer(("127.0.0.1", cls.http_port), Receiver)
        threading.Thread(target=cls.http.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.smtp.stop(no_assert=True)
        cls.http.shutdown()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def config(self, database, enabled=True, hooks=None, attempts=6):
        # Each test its own database and case prefix: the mails of one never pass for another's.
        prefix = "".join(c for c in database.split(".")[0].upper() if c.isalpha())[:8]
        return {
            "database": "sqlite:" + os.path.join(self.dir, database),
            "shops": [{"id": "default", "name": "Sklep Demo", "jurisdiction": "PL",
                       "case_prefix": prefix,
                       "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl",
                       "public_url": "https://sklep.example/reklamacje",
                       "notify": {"staff": ["desk@sklep.example"], "staff_locale": "pl",
                                  "reply_to": "reklamacje@sklep.example"}}],
            "mail": {"smtp": f"smtp://127.0.0.1:{self.smtp_port}", "starttls": "off",
                     "from": "Sklep Demo <reklamacje@sklep.example>", "timeout_s": 2},
            "delivery": {"enabled": enabled, "poll_ms": 100, "first_retry_s": 1,
                         "max_attempts": attempts, "webhook_timeout_s": 1,
                         "allow_private_targets": True},
            "webhooks": hooks or [],
        }

    def open_complaint(self, engine, name="Jan Kowalski", locale="pl", key=None):
        engine.import_order("reclaim", ORDER)
        request = {"kind": "complaint", "actor": {"role": "customer"}, "order_id": "727",
                   "customer": {"email": "jan@example.pl", "name": name, "locale": locale},
                   "items": [{"line": "1", "qty": 1, "reason": "defect"}],
                   "description": "Nie grzeje.", "preferred_resolution": "replacement"}
        if key:
            request["idempotency_key"] = key
        return engine.open_case(request)

    def test_a_customer_is_told_every_step_once(self):
        start = len(self.inbox.wait(0, 0))
        with reclaim.Engine(self.config("steps.db")) as engine:
            case = self.open_complaint(engine)
            number = case["number"]
            got = self.inbox.wait(start + 2)
            customer = [m for m in self.inbox.to("jan@example.pl") if number in m["Subject"]]
            self.assertEqual(len(customer), 1, "one acknowledgement")
            ack = customer[0]
            self.assertIn(f"[{number}]", ack["Subject"])
            self.assertIn("reklamację", ack["Subject"])
            text, html = parts(ack)
            self.assertIn("Dzień dobry Jan Kowalski", text)
            self.assertIn(number, text)
            self.assertIn("https://sklep.example/reklamacje/c/", text)
            self.assertIn("art. 7a", text)  # what the decision date means in Polish law
            self.assertRegex(text, r"\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|"
                                   r"sierpnia|września|października|listopada|grudnia) 20\d\d")
            self.assertEqual(ack["Reply-To"], "reklamacje@sklep.example")
            self.assertIn(number, ack["Message-ID"])
            self.assertEqual(ack["Auto-Submitted"], "auto-generated")
            self.assertIn('href="https://sklep.example/reklamacje/c/', html)
            # The acknowledgement carries the complaint receipt, read back by poppler.
            [(filename, kind, receipt)] = attachments(ack)
            self.assertEqual(filename, f"{number}-complaint_receipt-pl.pdf")
            self.assertEqual(kind, "application/pdf")
            self.assertTrue(receipt.startswith(b"%PDF-"))
            self.assertIn(number, pdf_text(receipt))
            self.assertIn("Czajnik elektryczny", pdf_text(receipt))
            staff = [m for m in self.inbox.to("desk@sklep.example") if number in m["Subject"]]
            self.assertEqual(len(staff), 1, "staff hear of the new case")
            self.assertEqual(attachments(staff[0]), [], "staff mails carry no documents")
            self.assertIn("https://sklep.example/reklamacje/staff/cases/" + number,
                          parts(staff[0])[0])

            agent = {"role": "agent", "id": "anna"}
            engine.act(number, {"action": "request_info", "actor": agent,
                                "message": "Prosimy o zdjęcie tabliczki znamionowej."})
            self.inbox.wait(len(got) + 1)
            engine.act(number, {"action": "reply", "actor": {"role": "customer"},
                                "message": "Zdjęcie w załączeniu."})
            engine.act(number, {"action": "accept", "actor": agent,
                                "items": [{"line": "1", "qty": 1, "resolution":
                                           {"type": "refund", "amount": "199.99",
                                            "currency": "PLN"}}]})
            time.sleep(1.5)
            mails = [m for m in self.inbox.to("jan@example.pl") if number in m["Subject"]]
            self.assertEqual(len(mails), 3, [m["Subject"] for m in mails])
            asked = parts(mails[1])[0]
            self.assertIn("Prosimy o zdjęcie tabliczki znamionowej.", asked)
            self.assertEqual(attachments(mails[1]), [], "a question carries no document")
            # The decision comes with the decision letter: the answer on a durable medium.
            [(filename, kind, letter)] = attachments(mails[2])
            self.assertEqual(filename, f"{number}-decision_letter-pl.pdf")
            letter_text = pdf_text(letter)
            self.assertIn(number, letter_text)
            self.assertIn("199,99", letter_text)
            decided = parts(mails[2])[0]
            self.assertIn("199,99\u00a0PLN", decided)
            self.assertIn("wymiana", decided.lower())  # asked for a replacement, got a refund
            staff = [m for m in self.inbox.to("desk@sklep.example") if number in m["Subject"]]
            self.assertEqual(len(staff), 2, "the customer's reply reaches the desk")
            self.assertIn("Zdjęcie w załączeniu.", parts(staff[1])[0])
            # The outbox keeps the record: every mail sent, none pending.
            page = engine.read_messages({"limit": 100})
            self.assertTrue(all(m["status"] == "sent" for m in page["messages"]))
            events = engine.read_events({"limit": 100})["events"]
            visible = [e for e in events if e["customer_visible"]]
            self.assertEqual(len(visible), 4, "one customer-visible event per change")
            self.assertEqual(events[0]["data"]["locale"], "pl")
            self.assertEqual(events[0]["data"]["customer_email"], "jan@example.pl")
            self.assertIn("/c/", events[0]["data"]["status_url"])

    def test_b_withdrawal_acknowledged_with_its_statement(self):
        with reclaim.Engine(self.config("withdrawal.db")) as engine:
            engine.import_order("reclaim", ORDER)
            statement = ("Oświadczam, że odstępuję od umowy sprzedaży następujących rzeczy: "
                         "Czajnik elektryczny (2 szt.), zamówienie 727.")
            case = engine.open_case({
                "kind": "return", "actor": {"role": "customer"}, "order_id": "727",
                "customer": {"email": "jan@example.pl", "name": "Jan Kowalski", "locale": "pl"},
                "items": [{"line": "1", "qty": 1, "reason": "changed_mind"}],
                "extra": {"withdrawal": {"statement": statement, "language": "pl",
                                         "order": "727",
                                         "submitted_at": "2026-12-01T09:15:00Z"}}})
            number = case["number"]
            until = time.time() + 20
            mine = []
            while time.time() < until and not mine:
                mine = [m for m in self.inbox.to("jan@example.pl") if number in m["Subject"]]
                time.sleep(0.1)
            time.sleep(0.5)
            mine = [m for m in self.inbox.to("jan@example.pl") if number in m["Subject"]]
            self.assertEqual(len(mine), 1, "the acknowledgement, not also case.acknowledged")
            text = parts(mine[0])[0]
            self.assertIn(statement, text)
            self.assertIn("1 grudnia 2026, 10:15 CET", text)
            self.assertIn("15 grudnia 2026", text)  # goods back and refund within 14 days

    def test_c_hostile_names_stay_in_their_place(self):
        with reclaim.Engine(self.config("hostile.db")) as engine:
            case = self.open_complaint(engine, name="Jan\r\nBcc: evil@example.com <b>x</b>",
                                       locale="en")
            number = case["number"]
            until = time.time() + 20
            mine = []
            while time.time() < until and not mine:
                mine = [(r, m, raw) for r, m, raw in self.inbox.messages
                        if number in m["Subject"] and "jan@example.pl" in r]
                time.sleep(0.1)
            self.assertTrue(mine)
            rcpt, message, raw = mine[0]
            self.assertEqual(rcpt, ["jan@example.pl"])
            self.assertIsNone(message["Bcc"])
            self.assertNotIn(b"\nBcc:", raw)
            text, html = parts(message)
            self.assertIn("&lt;b&gt;x&lt;/b&gt;", html)
            self.assertNotIn("<b>x</b>", html)

    def test_d_webhooks_retry_with_one_id_and_a_valid_signature(self):
        Receiver.script["/erp"] = [(500, 0), (200, 3), (200, 0)]  # fails, too slow, then takes
        Receiver.script["/gone"] = [(500, 0)] * 10
        hooks = [{"id": "erp", "url": f"http://127.0.0.1:{self.http_port}/erp",
                  "secret": SECRET, "events": ["case.opened"]},
                 {"id": "dead", "url": f"http://127.0.0.1:{self.http_port}/gone",
                  "secret": SECRET, "events": ["case.opened"]}]
        with reclaim.Engine(self.config("hooks.db", hooks=hooks, attempts=3)) as engine:
            self.open_complaint(engine)
            until = time.time() + 40
            while time.time() < until:
                got = [s for s in Receiver.seen if s[0] == "/erp"]
                if len(got) >= 3:
                    break
                time.sleep(0.1)
            got = [s for s in Receiver.seen if s[0] == "/erp"]
            self.assertEqual(len(got), 3, "500, a timeout, then 200")
            ids = {headers["webhook-id"] for _, headers, _ in got}
            self.assertEqual(len(ids), 1)
            for _, headers, body in got:
                self.assertTrue(verify(headers, body))
                self.assertEqual(json.loads(body)["type"], "case.opened")
            tampered = dict(got[0][1], **{"webhook-id": "msg_forged"})
            self.assertFalse(verify(tampered, got[0][2]))
            # The other receiver never takes it: a dead letter after three attempts.
            until = time.time() + 30
            dead = []
            while time.time() < until and not dead:
                dead = engine.read_messages({"channel": "webhook", "status": "dead"})["messages"]
                time.sleep(0.2)
            self.assertEqual(len(dead), 1)
            self.assertEqual(dead[0]["attempts"], 3)
            Receiver.script["/gone"] = []
            engine.ack_messages({"ids": [dead[0]["id"]], "result": "retry"})
            until = time.time() + 20
            while time.time() < until:
                again = engine.read_messages({"channel": "webhook", "status": "sent"})["messages"]
                if len(again) == 2:
                    break
                time.sleep(0.1)
            self.assertEqual(len(again), 2, "the replayed dead letter is delivered")
            replayed = [s for s in Receiver.seen if s[0] == "/gone"]
            self.assertEqual(len({h["webhook-id"] for _, h, _ in replayed}), 1)

    def test_e_smtp_down_for_a_while(self):
        self.smtp.stop(no_assert=True)
        before = len(self.inbox.wait(0, 0))
        with reclaim.Engine(self.config("down.db")) as engine:
            for i in range(3):
                self.open_complaint(engine, key=f"down-{i}")
            time.sleep(2.5)  # attempts fail meanwhile
            pending = engine.read_messages({"status": "pending"})["messages"]
            self.assertEqual(len(pending), 6)
            self.assertTrue(any(m["attempts"] >= 1 for m in pending))
            self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
            self.smtp.start()
            type(self).smtp = self.smtp
            got = self.inbox.wait(before + 6, 40)
            self.assertGreaterEqual(len(got) - before, 6)
            time.sleep(0.5)
            self.assertEqual(engine.read_messages({"status": "pending"})["messages"], [])

    def test_f_sender_killed_mid_batch(self):
        slow = Inbox(delay=0.15)
        port = free_port()
        server = Controller(slow, hostname="127.0.0.1", port=port)
        server.start()
        try:
            config = self.config("crash.db", enabled=False)
            with reclaim.Engine(config) as engine:
                for i in range(20):
                    self.open_complaint(engine, key=f"crash-{i}")
            config["delivery"]["enabled"] = True
            config["mail"]["smtp"] = f"smtp://127.0.0.1:{port}"
            script = ("import sys, json, time; sys.path.insert(0, sys.argv[1]); import reclaim;"
                      " e = reclaim.Engine(json.loads(sys.argv[2])); time.sleep(120)")
            env = dict(os.environ)
            child = subprocess.Popen([sys.executable, "-c", script, SDK, json.dumps(config)],
                                     env=env)
            slow.wait(8, 30)
            child.kill()  # SIGKILL, mid-batch
            child.wait()
            first = len(slow.messages)
            self.assertLess(first, 40, "killed before the end")
            child = subprocess.Popen([sys.executable, "-c", script, SDK, json.dumps(config)],
                                     env=env)
            try:
                ids = set()
                until = time.time() + 60
                while time.time() < until:
                    with slow.lock:
                        ids = {m["Message-ID"] for _, m, _ in slow.messages}
                    if len(ids) >= 40:
                        break
                    time.sleep(0.2)
                self.assertEqual(len(ids), 40, "every mail at least once")
                # The one in hand at the kill is sent again once its lease runs out.
                config["delivery"]["enabled"] = False
                with reclaim.Engine(config) as reader:
                    until = time.time() + 30
                    left = [None]
                    while time.time() < until and left:
                        left = reader.read_messages({"status": "pending", "limit": 1000})
                        left = left["messages"]
                        time.sleep(0.2)
                    self.assertEqual(left, [], "none stays pending")
                    sent = reader.read_messages({"status": "sent", "limit": 1000})["messages"]
                    self.assertEqual(len(sent), 40)
            finally:
                child.kill()
                child.wait()
        finally:
            server.stop()

    def test_g_starttls_with_auth_and_a_verified_certificate(self):
        """The relay demands STARTTLS before AUTH; the engine verifies its certificate against
        mail.ca_file, logs in, and delivers. A wrong password, an unknown authority, and a
        relay that offers no STARTTLS while a password is set: nothing sent, the reason kept."""
        cert, key = os.path.join(self.dir, "smtp-cert.pem"), os.path.join(self.dir, "smtp-key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        logins = []

        def authenticator(server, session, envelope, mechanism, auth_data):
            logins.append((mechanism, auth_data.login, session.ssl is not None))
            good = auth_data.login == b"desk" and auth_data.password == b"correct horse battery"
            return AuthResult(success=good)

        relay, port = Inbox(), free_port()
        server = Controller(relay, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticator,
                            auth_required=True, auth_require_tls=True)
        server.start()
        try:
            def attempt(database, **mail):
                config = self.config(database, attempts=1)
                config["mail"].update({"smtp": f"smtp://127.0.0.1:{port}", "starttls": "auto",
                                       "username": "desk",
                                       "password": "correct horse battery", "ca_file": cert})
                config["mail"].update(mail)
                with reclaim.Engine(config) as engine:
                    number = self.open_complaint(engine)["number"]
                    until = time.time() + 20
                    while time.time() < until:
                        pending = engine.read_messages({"status": "pending"})["messages"]
                        if not pending:
                            break
                        time.sleep(0.1)
                    return number, engine.read_messages({"limit": 100})["messages"]

            number, mails = attempt("tls.db")
            self.assertEqual({m["status"] for m in mails}, {"sent"}, mails)
            delivered = [m for _, m, _ in relay.messages if number in m["Subject"]]
            self.assertEqual(len(delivered), 2, "the customer's and the desk's")
            self.assertTrue(logins and all(tls for _, _, tls in logins), "AUTH only inside TLS")

            _, mails = attempt("tlsbadpass.db", password="wrong horse battery")
            self.assertEqual({m["status"] for m in mails}, {"dead"})
            self.assertIn("SMTP", mails[0]["error"])

            _, mails = attempt("tlsbadca.db", ca_file="")  # the system's authorities
            self.assertEqual({m["status"] for m in mails}, {"dead"})
            self.assertIn("certificate", mails[0]["error"].lower())
            self.assertNotIn("horse", json.dumps(mails), "no password in the record")
        finally:
            server.stop()

        # A relay without STARTTLS (the class's own): with a username, no password in the clear.
        seen = len(self.inbox.wait(0, 0))
        config = self.config("cleartext.db", attempts=1)
        config["mail"].update({"starttls": "auto", "username": "desk", "password": "p4ss-w0rd-1234"})
        with reclaim.Engine(config) as engine:
            self.open_complaint(engine)
            until = time.time() + 20
            while time.time() < until and engine.read_messages({"status": "pending"})["messages"]:
                time.sleep(0.1)
            mails = engine.read_messages({"limit": 100})["messages"]
        self.assertEqual({m["status"] for m in mails}, {"dead"})
        self.assertIn("SSL", mails[0]["error"])
        self.assertEqual(len(self.inbox.wait(0, 0)), seen, "nothing reached the cleartext relay")


if __name__ == "__main__":
    unittest.main(verbosity=2)
