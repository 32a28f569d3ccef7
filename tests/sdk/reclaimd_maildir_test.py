#!/usr/bin/env python3
"""reclaimd's Maildir reader: a message in new/ is given to reclaim_message_inbound and moved to
cur/ (":2,S"), a refused one too; nothing is left behind when reclaimd stops. The one-time staff
link reclaimd prints ("staff_link") signs a desk in once, and the desk lists the stranger's mail
under the unmatched e-mails.

    reclaimd_maildir_test.py RECLAIMD FIXTURES_MAIL_DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {what}")


def main():
    reclaimd, fixtures = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="reclaimd-maildir-")
    try:
        maildir = os.path.join(work, "Maildir")
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(maildir, sub))
        shutil.copy(os.path.join(fixtures, "stranger.eml"),
                    os.path.join(maildir, "new", "1796058000.4471_1.host"))
        shutil.copy(os.path.join(fixtures, "malformed.eml"),
                    os.path.join(maildir, "new", "1796058001.4471_2.host"))
        config = {"engine": {"database": "sqlite:" + os.path.join(work, "r.db")},
                  "http": {"listen": "127.0.0.1:0"},
                  "inbound": {"maildir": "Maildir", "interval_s": 1},
                  "staff_link": {"staff": {"id": "desk", "role": "agent", "shops": ["default"],
                                           "locale": "en"}, "ttl_s": 120}}
        path = os.path.join(work, "reclaimd.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(config, f)
        process = subprocess.Popen([reclaimd, path], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        printed = []
        link = None
        while link is None:
            line = process.stdout.readline()
            if not line:
                break
            printed.append(line)
            if line.startswith("Staff desk (a one-time link"):
                link = line.rsplit(" ", 1)[1].strip()
        check(link is not None and "/staff/enter?t=" in link, f"a staff link is printed: {printed}")
        if link:
            class NoRedirect(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *args):
                    return None
            opener = urllib.request.build_opener(NoRedirect)
            cookie = ""
            try:
                opener.open(link)
            except urllib.error.HTTPError as answer:
                check(answer.code == 303, f"the link signs in (303), got {answer.code}")
                cookie = answer.headers.get("Set-Cookie", "").split(";")[0]
            check(cookie.startswith("rc_staff="), "the link sets the desk's session cookie")
            try:
                opener.open(link)
                check(False, "the link works once")
            except urllib.error.HTTPError as again:
                check(again.code == 403, f"a second use is refused (403), got {again.code}")
            base = link.split("/staff/")[0]
            seen = ""
            until = time.time() + 30
            while time.time() < until and "please refund to my account" not in seen:
                request = urllib.request.Request(base + "/staff/mail", headers={"Cookie": cookie})
                with urllib.request.urlopen(request) as page:
                    seen = page.read().decode("utf-8")
                time.sleep(0.2)
            check("please refund to my account" in seen and "mallory@evil.example" in seen,
                  "the desk lists the stranger's mail as unmatched")
        cur = os.path.join(maildir, "cur")
        deadline = time.time() + 30
        while time.time() < deadline and len(os.listdir(cur)) < 2:
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        # Read through the same buffered stream as readline() above: communicate() with a
        # timeout reads the pipe's descriptor and misses what readline() had already taken in.
        output = "".join(printed) + process.stdout.read()
        check(process.returncode == 0, f"reclaimd stops cleanly (exit {process.returncode})")
        check(sorted(os.listdir(cur)) == ["1796058000.4471_1.host:2,S",
                                          "1796058001.4471_2.host:2,S"],
              f"both messages moved to cur/ as seen: {os.listdir(cur)}")
        check(os.listdir(os.path.join(maildir, "new")) == [], "new/ is empty")
        check('inbound 1796058000.4471_1.host: ok {"result":"draft"' in output,
              "the stranger's mail became a draft")
        check("inbound 1796058001.4471_2.host: refused" in output and "mail_malformed" in output,
              "the malformed mail was refused")
        if failed:
            print(output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
