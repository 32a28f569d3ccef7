"""Deliveries per second from the engine's own sender to a real local SMTP server (aiosmtpd on
127.0.0.1), beside a reference measured in the same run: Python's smtplib sending the same
number of mails of the same size to the same server, one connection per mail as the sender does.

Usage: RECLAIM_LIBRARY=build/plugin/libreclaim.so python3 bench/messages_delivery.py [N]
"""
import email.message
import os
import shutil
import smtplib
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sdk", "python"))
import reclaim  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300


class Count:
    def __init__(self):
        self.count, self.sizes = 0, []

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.sizes.append(len(envelope.content))
        return "250 OK"


def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    where = tempfile.mkdtemp(prefix="reclaim-mail-bench-")
    sink, smtp_port = Count(), port()
    server = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    server.start()
    config = {"database": f"sqlite:{where}/bench.db",
              "shops": [{"id": "default", "name": "Sklep Demo", "jurisdiction": "PL",
                         "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl",
                         "public_url": "https://sklep.example/r"}],
              "mail": {"smtp": f"smtp://127.0.0.1:{smtp_port}", "starttls": "off",
                       "from": "Sklep Demo <reklamacje@sklep.example>"},
              "delivery": {"enabled": False, "poll_ms": 50, "batch": 100}}
    try:
        with reclaim.Engine(config) as engine:
            engine.import_order("reclaim", {
                "id": "1", "currency": "PLN", "placed_at": "2026-11-20T10:00:00Z",
                "delivered_at": "2026-11-24T10:00:00Z",
                "customer": {"email": "jan@example.pl", "name": "Jan Kowalski"},
                "lines": [{"id": "1", "sku": "K", "name": "Czajnik", "qty": 100000,
                           "unit_price": "199.99"}]})
            for i in range(N):
                engine.open_case({"kind": "complaint", "actor": {"role": "customer"},
                                  "order_id": "1", "customer": {"email": "jan@example.pl"},
                                  "items": [{"line": "1", "qty": 1, "reason": "defect"}]})
        config["delivery"]["enabled"] = True
        started = time.perf_counter()
        with reclaim.Engine(config):
            while sink.count < N:
                time.sleep(0.01)
            engine_s = time.perf_counter() - started
        size = sum(sink.sizes) // len(sink.sizes)

        # The reference: the same number of mails of the same size, one connection each.
        message = email.message.EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@sklep.example", "jan@example.pl", "x"
        message.set_content("x" * max(size - 200, 1))
        sink.count = 0
        started = time.perf_counter()
        for _ in range(N):
            with smtplib.SMTP("127.0.0.1", smtp_port) as client:
                client.send_message(message)
        reference_s = time.perf_counter() - started
        print(f"mails: {N}, mean size {size} bytes")
        print(f"engine sender: {N / engine_s:8.1f} mails/s")
        print(f"smtplib reference: {N / reference_s:8.1f} mails/s")
        print(f"ratio: {reference_s / engine_s:.2f}")
    finally:
        server.stop()
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
