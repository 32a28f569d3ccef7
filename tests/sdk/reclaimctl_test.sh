#!/usr/bin/env bash
# reclaimctl end to end on a fresh database: every command's help, the documented exit codes,
# tables and --json, import from files and stdin, cases, events with a cursor, reports.
set -uo pipefail
source "$(dirname "$0")/check.sh"
ctl=$1 dir=$2 data=$3 library=$4 binding=$5
rm -rf "$dir" && mkdir -p "$dir"
db=$dir/ctl.db
unset RECLAIM_DATABASE
json_ok() { /usr/bin/python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]'; }

# Help and usage.
expect_exit 2 "no arguments" "$ctl"
contains "$err" "usage: reclaimctl" "no arguments: usage on stderr"
expect_exit 0 "--help" "$ctl" --help
contains "$out" "Exit codes:" "--help documents the exit codes"
contains "$out" "17 unsupported" "--help names 10+status"
for command in info import "order show" "case list" "case show" "case open" "case act" events \
  report tick "policy get" "policy set" eligibility payload "messages list" "messages retry" \
  "messages preview" "case file" "case document"; do
  # shellcheck disable=SC2086
  expect_exit 0 "$command --help" "$ctl" $command --help
  contains "$out" "usage: reclaimctl $command" "$command --help"
  # shellcheck disable=SC2086
  expect_exit 0 "help $command" "$ctl" help $command
done
# help case act [ACTION]: the actions and each one's fields, from the schema compiled into the
# tool; every action and field of docs/api/case-act-request.schema.json must be there.
act_schema=$(dirname "$0")/../../docs/api/case-act-request.schema.json
expect_exit 0 "help case act" "$ctl" help case act
contains "$out" "usage: reclaimctl case act" "help case act: the command's help"
contains "$out" "Actions (reclaimctl help case act ACTION lists an action's fields):" \
  "help case act: the actions' table"
contains "$out" "  accept            Decide for the customer" "help case act: accept and what it does"
expect_exit 0 "case act --help" "$ctl" case act --help
contains "$out" "  cancel            Withdraw an undecided case" "case act --help lists the actions too"
# "ACTION FIELD yes|no" for every field of every action in the schema.
fields=$(/usr/bin/python3 -c '
import json, sys
for a in json.load(open(sys.argv[1]))["oneOf"]:
    own = [k for k in a["properties"] if k not in ("action", "actor", "expected_version", "idempotency_key")]
    print(a["title"], *[k + "=" + ("yes" if k in a.get("required", []) else "no") for k in own])
' "$act_schema")
[[ $(wc -l <<<"$fields") == 21 ]] && pass || fail "the schema has 21 actions: $fields"
while read -r action own; do
  expect_exit 0 "help case act $action" "$ctl" help case act "$action"
  contains "$out" "usage: reclaimctl case act [OPTIONS] REF $action" "help case act $action: usage"
  contains "$out" "Who may:   " "help case act $action: the roles"
  if [[ -z $own ]]; then
    contains "$out" "Fields: none of its own." "help case act $action: no fields of its own"
  fi
  for field in $own; do
    name=${field%=*} required=${field#*=}
    line=$(grep -E "^  $name +(yes|no) " <<<"$out")
    [[ -n $line ]] && pass || fail "help case act $action lists $name: $out"
    [[ $line == *" $required "* ]] && pass || fail "help case act $action: $name required=$required: $line"
  done
done <<<"$fields"
expect_exit 0 "help case act accept" "$ctl" help case act accept
contains "$out" "  resolution        no        object {type, amount, currency, sku, name, qty, unit_price, variant_id} or null" \
  "accept: the resolution's type"
contains "$out" "Who may:   agent, supervisor" "accept: who may"
contains "$out" "Leads to:  accepted" "accept: where it leads"
expect_exit 0 "help case act rate" "$ctl" help case act rate
contains "$out" "  score             yes       integer 1–5" "rate: the score, required, 1 to 5"
contains "$out" "Leads to:  the same state" "rate: the state does not change"
expect_exit 0 "case act REF set_priority --help" "$ctl" case act RC-1 set_priority --help
contains "$out" "  priority          yes       low|normal|high|urgent" "set_priority: the words"
expect_exit 2 "help case act of an unknown action" "$ctl" help case act frobnicate
contains "$err" "no action 'frobnicate'" "the unknown action is named"
expect_exit 2 "case act --help of an unknown action" "$ctl" case act RC-1 frobnicate --help
expect_exit 0 "-h" "$ctl" -h
contains "$out" "Commands:" "-h lists the commands"
expect_exit 0 "--version" "$ctl" --version
contains "$out" "libreclaim " "--version names the library's version"
expect_exit 2 "help for an unknown command" "$ctl" help frobnicate
expect_exit 2 "unknown command" "$ctl" --db "$db" frobnicate
contains "$err" "no command 'frobnicate'" "the unknown command is named"
expect_exit 2 "unknown option" "$ctl" --db "$db" case list --colour
contains "$err" "unknown option '--colour'" "the unknown option is named"
contains "$err" "reclaimctl case list --help" "points to the command's help"
expect_exit 2 "no database" "$ctl" info
contains "$err" "RECLAIM_DATABASE" "says how to name the database"
expect_exit 2 "bad --limit" "$ctl" --db "$db" case list --limit 0
expect_exit 2 "missing argument" "$ctl" --db "$db" case act RC-1
expect_exit 2 "--db and --config" "$ctl" --db "$db" --config /dev/null info
expect_exit 1 "unreadable file" "$ctl" --db "$db" import "$dir/nonexistent.json"
contains "$err" "cannot read $dir/nonexistent.json" "the file is named"

# Opening databases.
expect_exit 0 "info" "$ctl" --db "$db" info
contains "$out" "schema " "info shows the schema"
expect_exit 0 "info --json" "$ctl" info --db "$db" --json
contains "$out" '"abi":1' "info --json is the open document"
RECLAIM_DATABASE=$db expect_exit 0 "RECLAIM_DATABASE" "$ctl" info
expect_exit 15 "a database in a missing directory" "$ctl" --db /nonexistent/dir/x.db info
contains "$err" "storage" "storage is named"
expect_exit 15 "an unreachable PostgreSQL" "$ctl" --db postgresql://127.0.0.1:1/reclaim info
contains "$err" "storage" "an unreachable server is a storage error"
echo '{"database":"sqlite::memory:","shops":[{"id":"eu","currency":"EUR"}]}' >"$dir/config.json"
expect_exit 0 "--config" "$ctl" --config "$dir/config.json" info
contains "$out" "shops     eu" "--config is used"
# reclaimd's own configuration file: the engine's part is read, the rest left to reclaimd.
echo '{"engine":{"database":"sqlite::memory:","shops":[{"id":"pl","jurisdiction":"PL",
  "timezone":"Europe/Warsaw"}]},"http":{"listen":"127.0.0.1:0"},"orders":[]}' >"$dir/reclaimd.json"
expect_exit 0 "--config with reclaimd's file" "$ctl" --config "$dir/reclaimd.json" info
contains "$out" "shops     pl" "reclaimd's engine configuration is used"
expect_exit 0 "--db alone for a shop-sensitive command" "$ctl" --db "$db" tick
contains "$err" "--db alone knows no shop settings" "--db alone warns where the shop's law matters"
expect_exit 0 "--db alone for a listing" "$ctl" --db "$db" info
lacks "$err" "--db alone" "no warning where it does not matter"

# Import: an array from a file (one bad document), one document from stdin.
expect_exit 11 "import with one bad order" "$ctl" --db "$db" import "$data/orders.json"
contains "$out" "order 1001: imported" "the first order is imported"
contains "$out" "order 1003: imported" "the third order is imported after the bad one"
contains "$err" "orders.json[1]: invalid_argument" "the bad document is named"
contains "$err" "(field: lines[0].colour)" "the bad field is named"
expect_exit 0 "import from stdin" "$ctl" --db "$db" import --json <<<'{"id":"1004","currency":"PLN",
  "lines":[{"id":"1","name":"Toster","qty":1,"unit_price":"89.00"}]}'
contains "$out" '"created":true' "--json prints the result"
expect_exit 0 "import again" "$ctl" --db "$db" import - <<<'{"id":"1004","currency":"PLN",
  "lines":[{"id":"1","name":"Toster","qty":1,"unit_price":"89.00"}]}'
contains "$out" "order 1004: updated" "a re-import updates"
expect_exit 17 "import with an unknown adapter" "$ctl" --db "$db" import --adapter nosuch \
  "$data/orders.json"
contains "$err" "unsupported" "the adapter is refused as unsupported"
expect_exit 11 "import of text that is not JSON" "$ctl" --db "$db" import - <<<'{"id":'

expect_exit 0 "order show" "$ctl" --db "$db" order show 1001
contains "$out" "Czajnik elektryczny  2    199.99" "the order's lines as a table"
expect_exit 12 "order show of a missing order" "$ctl" --db "$db" order show 1002
contains "$err" "not_found" "not_found is named"

# Cases.
cat >"$dir/open.json" <<'JSON'
{"kind":"complaint","actor":{"role":"customer"},"order_id":"1001",
 "customer":{"email":"jan@example.pl"},"items":[{"line":"1","qty":1,"reason":"defect"}]}
JSON
expect_exit 0 "case open" "$ctl" --db "$db" case open "$dir/open.json"
contains "$out" "case RC-2026-000001" "the case number"
contains "$out" "received, version 1" "the new case's state"
expect_exit 0 "case open from stdin" "$ctl" --db "$db" case open --json <"$dir/open.json"
contains "$out" '"number":"RC-2026-000002"' "--json prints the case"
expect_exit 14 "case open beyond the bought quantity" "$ctl" --db "$db" case open "$dir/open.json"
contains "$err" "field: items[0].qty" "the quantity is named"

expect_exit 0 "review" "$ctl" --db "$db" case act RC-2026-000001 review --as agent:anna \
  --expected-version 1
contains "$out" "now in_review, version 2" "review moves the case"
expect_exit 13 "stale version" "$ctl" --db "$db" case act RC-2026-000001 close --as agent \
  --expected-version 1
contains "$err" "conflict" "conflict is named"
expect_exit 14 "wrong state" "$ctl" --db "$db" case act RC-2026-000001 fulfil --as host \
  --set reference=R-1
expect_exit 0 "accept with --set-json" "$ctl" --db "$db" case act RC-2026-000001 accept \
  --as supervisor:eva --set-json 'resolution={"type":"refund"}' --idempotency-key k1
contains "$out" "now accepted" "accept"
echo '{"reference":"REFUND-9"}' >"$dir/fulfil.json"
expect_exit 0 "fulfil with --body" "$ctl" --db "$db" case act RC-2026-000001 fulfil --as host \
  --body "$dir/fulfil.json" --json
contains "$out" '"reference":"REFUND-9"' "the body's field reached the action"
expect_exit 11 "a misspelt action field" "$ctl" --db "$db" case act RC-2026-000002 review \
  --set mesage=hi
contains "$err" "field: mesage" "the misspelt field is named"
expect_exit 2 "--set without =" "$ctl" --db "$db" case act RC-2026-000002 review --set x
expect_exit 12 "a missing case" "$ctl" --db "$db" case show RC-1999-000001

expect_exit 0 "case show" "$ctl" --db "$db" case show RC-2026-000001
contains "$out" "state                     resolved" "case show: the state"
contains "$out" "Czajnik elektryczny" "case show: the items"
contains "$out" "supervisor:eva  accept" "case show: the history"
# messages preview: the mail a case got, as it would be written now; nothing is queued.
queued=$("$ctl" --db "$db" --json messages list --limit 1000 | grep -o '"id":"m_' | wc -l)
expect_exit 0 "messages preview" "$ctl" --db "$db" messages preview case.acknowledged \
  --case RC-2026-000001
contains "$out" "Subject: [RC-2026-000001]" "the preview's subject names the case"
contains "$out" "RC-2026-000001" "the preview's text"
expect_exit 0 "messages preview in Russian as JSON" "$ctl" --db "$db" --json messages preview \
  case.decided --case RC-2026-000001 --locale ru
contains "$out" '"locale":"ru"' "the language asked for"
json_ok <<<"$out" || fail "messages preview --json prints JSON"
expect_exit 0 "messages preview --html" "$ctl" --db "$db" messages preview case.resolved \
  --case RC-2026-000001 --html
contains "$out" "<html" "the HTML part"
expect_exit 2 "messages preview without --case" "$ctl" --db "$db" messages preview case.decided
expect_exit 11 "messages preview of an unknown template" "$ctl" --db "$db" messages preview \
  case.nope --case RC-2026-000001
expect_exit 11 "messages preview in an unknown language" "$ctl" --db "$db" messages preview \
  case.decided --case RC-2026-000001 --locale de
expect_exit 12 "messages preview of a template the case never sent" "$ctl" --db "$db" \
  messages preview withdrawal.acknowledged --case RC-2026-000001
expect_exit 12 "messages preview of a missing case" "$ctl" --db "$db" messages preview \
  case.decided --case RC-1999-000001
after=$("$ctl" --db "$db" --json messages list --limit 1000 | grep -o '"id":"m_' | wc -l)
[[ $queued == "$after" && $queued -gt 0 ]] || fail "previews queued nothing ($queued before, $after after)"
# case document: the decided case's letter and its receipt as PDF files.
expect_exit 0 "case document" "$ctl" --db "$db" case document RC-2026-000001 \
  --type decision_letter --locale pl --out "$dir/letter.pdf"
contains "$out" "$dir/letter.pdf" "case document names the file it wrote"
[[ $(head -c 5 "$dir/letter.pdf") == "%PDF-" ]] || fail "case document writes a PDF"
(abs_ctl=$(realpath "$ctl") abs_db=$(realpath "$db") && cd "$dir" && "$abs_ctl" --db "$abs_db" case document RC-2026-000001 --type complaint_receipt >/dev/null) ||
  fail "case document without --out"
[[ -s "$dir/RC-2026-000001-complaint_receipt-en.pdf" || -s "$dir/RC-2026-000001-complaint_receipt-pl.pdf" ]] ||
  fail "case document without --out writes the document's own name"
expect_exit 0 "case document --json" "$ctl" --db "$db" --json case document RC-2026-000001 \
  --type return_slip --locale ru
contains "$out" '"content_type":"application/pdf"' "case document --json prints the document"
expect_exit 2 "case document without --type" "$ctl" --db "$db" case document RC-2026-000001
expect_exit 11 "case document of an unknown type" "$ctl" --db "$db" case document RC-2026-000001 \
  --type invoice
expect_exit 12 "case document of a missing case" "$ctl" --db "$db" case document RC-1999-000001 \
  --type return_slip
expect_exit 0 "case list" "$ctl" --db "$db" case list
contains "$out" "RC-2026-000002  received" "case list: a table"
expect_exit 0 "cases --state" "$ctl" --db "$db" cases --state resolved --json
contains "$out" '"number":"RC-2026-000001"' "the filter keeps the resolved case"
lacks "$out" '"number":"RC-2026-000002"' "the filter drops the received case"
expect_exit 0 "case list --limit 1" "$ctl" --db "$db" case list --limit 1
contains "$err" "more: --cursor" "a further page is announced"
expect_exit 0 "case list --limit 1 --all" "$ctl" --db "$db" case list --limit 1 --all --json
[[ $(grep -c '"cases"' <<<"$out") == 2 ]] && pass || fail "--all reads both pages: $out"
echo "$out" | json_ok && pass || fail "case list --json is JSON lines"
expect_exit 11 "a bad state" "$ctl" --db "$db" case list --state lost

# Events with a cursor.
expect_exit 0 "events" "$ctl" --db "$db" events
contains "$out" "case.opened" "the events table"
contains "$out" "accept in_review → accepted" "the transition is summarised"
contains "$err" "next cursor: 5" "the next cursor"
expect_exit 0 "events --json --after 3" "$ctl" --db "$db" events --json --after 3 --limit 1
[[ $(wc -l <<<"$out") == 2 ]] && pass || fail "two events after 3: $out"
echo "$out" | json_ok && pass || fail "events --json is JSON lines"
expect_exit 0 "events with a cursor file" "$ctl" --db "$db" events --cursor-file "$dir/cursor"
[[ $(cat "$dir/cursor") == 5 ]] && pass || fail "the cursor file holds 5"
expect_exit 0 "events with a cursor file again" "$ctl" --db "$db" events --cursor-file "$dir/cursor"
contains "$out" "no events after 5" "nothing new"
expect_exit 2 "--after and --cursor-file" "$ctl" --db "$db" events --after 1 --cursor-file x

# --follow prints events committed while it runs and stops cleanly on SIGINT.
"$ctl" --db "$db" events --follow --json --after 5 --interval 50 >"$dir/follow.out" 2>&1 &
follower=$!
sleep 0.5
"$ctl" --db "$db" case act RC-2026-000002 review --as agent >/dev/null 2>&1
for _ in $(seq 200); do grep -q '"seq":6' "$dir/follow.out" && break; sleep 0.1; done
kill -INT "$follower"
wait "$follower" && got=0 || got=$?
[[ $got == 0 ]] && pass || fail "--follow exits 0 on SIGINT, not $got"
contains "$(cat "$dir/follow.out")" '"seq":6' "--follow printed the new event"

# Policies, eligibility and the deadline watch.
expect_exit 0 "policy get" "$ctl" --db "$db" --json policy get
contains "$out" '"preset":true' "policy get: the preset until one is set"
echo '{"return_window_days":30}' >"$dir/policy.json"
expect_exit 0 "policy set" "$ctl" --db "$db" --json policy set "$dir/policy.json"
contains "$out" '"return_window_days":30' "policy set: the stored policy"
expect_exit 14 "a policy stricter than the law" "$ctl" --config <(echo \
  "{\"database\":\"sqlite:$db\",\"shops\":[{\"id\":\"default\",\"jurisdiction\":\"PL\"}]}") \
  policy set - <<<'{"return_window_days":3}'
contains "$err" "return_window_days" "the refused setting is named"
expect_exit 0 "tick" "$ctl" --db "$db" --json tick
contains "$out" '"events":' "tick reports what it sent"

# Reports: this month's table with totals and targets, the worst SKUs, CSV to a file, errors.
expect_exit 0 "report" "$ctl" --db "$db" report
contains "$out" "Targets" "report: the targets table"
contains "$out" "(all)" "report: the totals row"
expect_exit 0 "report by sku" "$ctl" --db "$db" report --group-by sku --limit 5
contains "$out" "CLAIM RATE" "report by sku: the claim rate column"
expect_exit 0 "report as csv" "$ctl" --db "$db" report --format csv --output "$dir/report.csv"
contains "$(head -1 "$dir/report.csv")" "key,opened,decided" "report csv: the header row"
expect_exit 0 "report as html" "$ctl" --db "$db" report --format html --locale pl --output "$dir/report.html"
contains "$(head -c 200 "$dir/report.html")" '<div class="rc-report" lang="pl"' "report html: the Polish fragment"
expect_exit 0 "report csv to stdout" "$ctl" --db "$db" report --format csv --group-by month
contains "$out" "key,opened" "report csv on stdout"
expect_exit 11 "report by an unknown grouping" "$ctl" --db "$db" report --group-by colour
contains "$err" "group_by" "the refused field is named"
expect_exit 2 "report with a bad --limit" "$ctl" --db "$db" report --limit 0
expect_exit 0 "report --json to a file" "$ctl" --db "$db" --json report --output "$dir/report.json"
json_ok <"$dir/report.json" && pass || fail "report --output writes the JSON document"
"$ctl" --db "$db" --json report --from 2026-12-01 --to 2026-11-01 >"$dir/out" 2>"$dir/err" && got=0 || got=$?
[[ $got == 11 ]] && pass || fail "report with to before from exited $got"
json_ok <"$dir/out" && pass || fail "report --json prints a document even on an error"
expect_exit 2 "payload without --adapter" "$ctl" --db "$db" payload RC-2026-000001

# case file: a photo the customer sent by e-mail (through the library, as reclaimd's mailbox
# reader does), saved by staff with the bytes checked against the recorded SHA-256. The sender's
# file name tries to climb out of the folder.
file_id=$(LD_PRELOAD=${RECLAIM_TEST_PYTHON_PRELOAD:-} ASAN_OPTIONS=detect_leaks=0 \
  RECLAIM_LIBRARY=$library PYTHONPATH=$binding /usr/bin/python3 - "$db" <<'PY'
import base64, sys, reclaim
from email.message import EmailMessage
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
with reclaim.Engine({"database": "sqlite:" + sys.argv[1]}) as engine:
    case = engine.get_case("RC-2026-000002")
    mail = EmailMessage()
    mail["From"] = case["customer"]["email"]
    mail["To"] = "returns@shop.example"
    mail["Subject"] = "Re: [RC-2026-000002] photo"
    mail["Message-ID"] = "<photo-1@example.pl>"
    mail.set_content("The photo you asked for.")
    mail.add_attachment(png, maintype="image", subtype="png", filename="../../etc/zdjęcie.png")
    answer = engine.message_inbound(mail.as_bytes())
    assert answer["result"] in ("reply", "message"), answer
    print(answer["attachments"][0])
PY
)
[[ $file_id == a_* ]] && pass || fail "a photo was uploaded for case file: $file_id"
expect_exit 0 "case file --out" "$ctl" --db "$db" case file RC-2026-000002 "$file_id" --out "$dir/photo.png"
contains "$err" "saved $dir/photo.png (image/png, 69 bytes, sha256 " "case file says what it saved"
[[ $(head -c 4 "$dir/photo.png" | od -An -tx1 | tr -d ' ') == 89504e47 ]] && pass ||
  fail "case file wrote the PNG's bytes"
expect_exit 1 "case file onto an existing file" "$ctl" --db "$db" case file RC-2026-000002 \
  "$file_id" --out "$dir/photo.png"
contains "$err" "exists" "case file does not overwrite without --force"
expect_exit 0 "case file --force" "$ctl" --db "$db" case file RC-2026-000002 "$file_id" \
  --out "$dir/photo.png" --force
expect_exit 0 "case file to stdout" "$ctl" --db "$db" case file RC-2026-000002 "$file_id" --out -
[[ ${#out} -gt 40 ]] && pass || fail "case file --out - prints the bytes"
(cd "$dir" && "$ctl" --db "$db" case file RC-2026-000002 "$file_id" >/dev/null 2>&1) && pass ||
  fail "case file without --out"
ls "$dir" | grep -qx 'zdjęcie.png' && pass || fail "case file saves under the last part of the sender's name"
[[ ! -e /etc/zdjęcie.png ]] && pass || fail "case file followed a path in the sender's name"
expect_exit 12 "case file of a missing file" "$ctl" --db "$db" case file RC-2026-000002 \
  a_00000000000000000000 --out "$dir/none"
contains "$err" "attachment_id" "the missing file's field is named"
expect_exit 12 "another case's file" "$ctl" --db "$db" case file RC-2026-000001 "$file_id" --out "$dir/none"
[[ ! -e $dir/none ]] && pass || fail "nothing written for a missing file"
expect_exit 2 "case file without the file's id" "$ctl" --db "$db" case file RC-2026-000002
summary
