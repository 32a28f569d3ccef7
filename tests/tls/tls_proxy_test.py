#!/usr/bin/env python3
"""reclaimd behind a real nginx terminating TLS, with docs/deploy/nginx-tls.conf.

Checks through the proxy: the CSRF cookie is Secure and pages send HSTS (the shop's public_url is
https); a client's forged X-Forwarded-For does not buy it a new rate-limit budget, while another
client still has its own; a large multipart body to a route that takes no files is refused.
Clients connect from 127.0.0.2 and 127.0.0.3, nginx from 127.0.0.1 (the one trusted proxy).

Usage: tls_proxy_test.py RECLAIMD SOURCE_DIR
Its files live in a directory under /tmp (nginx's workers, as nobody, must reach them), removed
at the end unless a check failed.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=20):
    until = time.time() + seconds
    while time.time() < until:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


class Client:
    """A browser at one loopback address: keeps the CSRF cookie and the form's token."""

    def __init__(self, port, source):
        self.port, self.source, self.cookie, self.csrf = port, source, "", ""
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def send(self, method, path, body=b"", headers=None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                                 context=self.context,
                                                 source_address=(self.source, 0))
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = "rc_csrf=" + self.cookie
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("rc_csrf="):
                self.cookie = value[8:value.index(";")]
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        if found:
            self.csrf = found.group(1)
        return response, text

    def lookup(self, forwarded=None):
        body = f"number=RC-2026-999999&email=someone%40example.com&csrf={self.csrf}".encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if forwarded:
            headers["X-Forwarded-For"] = forwarded
        return self.send("POST", "/lookup", body, headers)[0].status


def main():
    reclaimd, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    work = tempfile.mkdtemp(prefix="reclaim-tls-")
    os.chmod(work, 0o755)  # nginx's workers run as nobody when started by root
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    app_port, tls_port = free_port(), free_port()
    config = {
        "engine": {"database": "sqlite:" + os.path.join(work, "reclaim.db"),
                   "shops": [{"id": "default", "name": "TLS Shop", "jurisdiction": "PL",
                              "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "en",
                              "public_url": f"https://127.0.0.1:{tls_port}"}]},
        "http": {"listen": f"127.0.0.1:{app_port}", "threads": 2, "lookups_per_minute": 3,
                 "trusted_proxies": ["127.0.0.1"]},
        "orders": [os.path.join(source, "sdk/reclaimd/demo-orders.json")],
    }
    with open(os.path.join(work, "reclaimd.json"), "w") as f:
        json.dump(config, f)
    with open(os.path.join(source, "docs/deploy/nginx-tls.conf")) as f:
        conf = f.read()
    for name, value in {"STATE": work, "APP_PORT": app_port, "TLS_PORT": tls_port,
                        "CERT": cert, "KEY": key}.items():
        conf = conf.replace(f"@{name}@", str(value))
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(conf)

    run_and_check(reclaimd, nginx, work, app_port, tls_port)
    if FAILURES:
        for name in ("reclaimd.log", "nginx.log", "error.log"):
            path = os.path.join(work, name)
            if os.path.exists(path):
                print(f"--- {name}\n" + open(path).read()[-3000:])
        print(f"files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(FAILURES)} failed")
    sys.exit(1 if FAILURES else 0)


def run_and_check(reclaimd, nginx, work, app_port, tls_port):
    daemon = subprocess.Popen([reclaimd, os.path.join(work, "reclaimd.json")],
                              stdout=open(os.path.join(work, "reclaimd.log"), "w"),
                              stderr=subprocess.STDOUT)
    proxy = None
    try:
        if not wait_for(app_port):
            check(False, "reclaimd listens")
            return
        proxy = subprocess.Popen([nginx, "-p", work, "-c", os.path.join(work, "nginx.conf"),
                                  "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "nginx.log"), "w"))
        if not wait_for(tls_port):
            check(False, "nginx listens")
            return

        alice = Client(tls_port, "127.0.0.2")
        page, text = alice.send("GET", "/?lang=en")
        cookie = page.headers.get("Set-Cookie", "")
        check(page.status == 200 and "Check a case" in text, "the home page over TLS")
        check("; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie,
              f"the CSRF cookie is Secure, HttpOnly, SameSite=Strict: {cookie}")
        check(page.headers.get("Strict-Transport-Security", "").startswith("max-age="),
              "HSTS is sent")
        check("default-src 'none'" in page.headers.get("Content-Security-Policy", ""), "CSP is sent")
        check(page.headers.get("Server") == "nginx", "nginx answered (server_tokens off)")

        # Three lookups allowed a minute; forged left-most addresses change nothing.
        statuses = [alice.lookup(f"6.6.6.{i}") for i in range(1, 5)]
        check(statuses == [404, 404, 404, 429], f"forged X-Forwarded-For spends alice's budget: {statuses}")
        bob = Client(tls_port, "127.0.0.3")
        bob.send("GET", "/?lang=en")
        check(bob.lookup() == 404, "another client keeps its own budget")

        # 10 MB of multipart for a route that takes no files: refused (413), not stored.
        big, _ = alice.send("POST", "/lookup", b"x" * (10 * 1024 * 1024),
                            {"Content-Type": "multipart/form-data; boundary=B"})
        check(big.status == 413, f"a 10 MB multipart body to /lookup: 413, got {big.status}")
    finally:
        if proxy:
            proxy.send_signal(signal.SIGQUIT)
            proxy.wait(timeout=20)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=20)


if __name__ == "__main__":
    main()
