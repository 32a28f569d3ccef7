#!/usr/bin/env python3
"""Copies an orders file with every placed_at and delivered_at moved by one offset, so that the
latest delivery was DAYS days ago (default 2): the demo's orders stay within the 14-day
withdrawal period whatever day the demo is started.

    python3 packaging/recent-orders.py SOURCE DEST [DAYS]
"""
import datetime
import json
import sys

FIELDS = ("placed_at", "delivered_at")


def parse(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def main():
    source, dest = sys.argv[1], sys.argv[2]
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with open(source, encoding="utf-8") as f:
        orders = json.load(f)
    latest = max(parse(order["delivered_at"]) for order in orders if "delivered_at" in order)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    shift = (now - datetime.timedelta(days=days)) - latest
    for order in orders:
        for field in FIELDS:
            if field in order:
                moved = parse(order[field]) + shift
                order[field] = moved.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(orders, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
