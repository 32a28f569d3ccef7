#!/usr/bin/env python3
"""Screenshots of the staff desk (queue and case page) in pl, en and ru at 1280 and 360 px.

Opens an engine on a throwaway SQLite file through the Python binding, imports the demo orders,
opens one complaint whose customer fields hold markup (to see it escaped), starts the endpoint
and signs a desk session in for each shot with reclaim_staff_link; Debian's headless Chromium
follows the link and takes the picture.

  python3 docs/tools/staff-screenshots.py build/plugin/libreclaim.so OUT_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(root, "sdk/python"))
import reclaim  # noqa: E402

library, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(out_dir, exist_ok=True)
work = tempfile.mkdtemp(prefix="reclaim-staff-shots-")
engine = reclaim.Engine({"database": "sqlite:" + os.path.join(work, "desk.db"),
                         "shops": [{"id": "default", "name": "Sklep Demo", "jurisdiction": "PL",
                                    "timezone": "Europe/Warsaw", "currency": "PLN",
                                    "locale": "pl", "case_prefix": "RC"}]}, library=library)
with open(os.path.join(root, "sdk/reclaimd/demo-orders.json")) as f:
    for order in json.load(f):
        engine.import_order("reclaim", order)
case = engine.open_case({"order_id": "1001", "kind": "complaint", "actor": {"role": "customer"},
                         "customer": {"email": "jan@example.pl", "name": "Jan <b>Kowalski</b>"},
                         "items": [{"line": "1", "qty": 1, "reason": "defect"}],
                         "description": "Czajnik przecieka <script>alert(1)</script>"})
url = engine.start_http({"listen": "127.0.0.1:0"})["url"].rstrip("/")
try:
    for lang in ("pl", "en", "ru"):
        for width in (1280, 360):
            for page, path in (("queue", "/staff/"), ("case", "/staff/cases/" + case["number"])):
                link = engine.staff_link({"staff": {"id": "anna", "name": "Anna Nowak",
                                                    "role": "agent", "shops": ["default"],
                                                    "locale": lang},
                                          "ttl_s": 300, "next": path})
                shot = os.path.join(out_dir, f"staff-{page}-{lang}-{width}.png")
                subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                f"--window-size={width},1400", f"--screenshot={shot}",
                                url + link["path"]], capture_output=True, timeout=60, check=True)
                print(shot)
finally:
    engine.stop_http()
