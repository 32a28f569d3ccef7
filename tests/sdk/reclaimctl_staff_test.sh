#!/usr/bin/env bash
# reclaimctl staff end to end on a fresh database: accounts added with the password on standard
# input (there is no way to give it on the command line), listed without hashes, given a new
# password, disabled, enabled and removed, and the documented exit codes for what is refused.
set -uo pipefail
source "$(dirname "$0")/check.sh"
ctl=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
db=$dir/staff.db
unset RECLAIM_DATABASE
password='correct horse battery staple'
# with_stdin TEXT COMMAND...: runs COMMAND with TEXT as the first line of its standard input.
with_stdin() { local text=$1; shift; printf '%s\n' "$text" | "$@"; }

for command in "staff add" "staff passwd" "staff remove" "staff disable" "staff enable" "staff list"; do
  # shellcheck disable=SC2086
  expect_exit 0 "$command --help" "$ctl" $command --help
  contains "$out" "usage: reclaimctl $command" "$command --help"
done
expect_exit 0 "--help" "$ctl" --help
contains "$out" "staff add LOGIN" "--help lists staff add"

expect_exit 0 "staff list of none" "$ctl" --db "$db" staff list
contains "$out" "no staff accounts" "an empty list says so"

expect_exit 0 "staff add" with_stdin "$password" "$ctl" --db "$db" staff add anna \
  --name "Anna Nowak" --role supervisor --shops default --locale pl
contains "$out" "added anna (supervisor; shops default; active)" "staff add says what it added"
lacks "$out$err" "horse" "the password is not printed"
hash=$(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT password_hash FROM staff_accounts").fetchone()[0])' "$db")
contains "$hash" '$argon2id$' "an Argon2id hash is stored"
lacks "$hash" "horse" "the database holds no password"

# Refused: a short password, a taken login, no password, a bad role or shop, a password option.
expect_exit 11 "a short password" with_stdin "short pw" "$ctl" --db "$db" staff add olga
contains "$err" "at least 12 characters (field: password)" "the rule is named"
lacks "$err" "short pw" "the refused password is not printed"
expect_exit 13 "a taken login" with_stdin "$password" "$ctl" --db "$db" staff add anna
expect_exit 1 "no password on stdin" "$ctl" --db "$db" staff add olga </dev/null
contains "$err" "no password" "a missing password is named"
expect_exit 11 "a bad role" with_stdin "$password" "$ctl" --db "$db" staff add olga --role host
contains "$err" "staff.role" "the role is named"
expect_exit 11 "an unknown shop" with_stdin "$password" "$ctl" --db "$db" staff add olga --shops default,nowhere
contains "$err" "staff.shops[1]" "the shop is named"
expect_exit 2 "a password option" "$ctl" --db "$db" staff add olga --password "$password"
expect_exit 2 "no login" "$ctl" --db "$db" staff add
expect_exit 12 "passwd of an unknown login" with_stdin "$password" "$ctl" --db "$db" staff passwd nobody

expect_exit 0 "staff add with the defaults" with_stdin "$password" "$ctl" --db "$db" staff add olga
contains "$out" "added olga (agent; shops default; active)" "agent of the default shop by default"
expect_exit 0 "staff list" "$ctl" --db "$db" staff list
contains "$out" "LOGIN" "the table's heading"
contains "$out" "Anna Nowak" "anna is listed"
contains "$out" "olga" "olga is listed"
expect_exit 0 "staff list --json" "$ctl" --db "$db" --json staff list
/usr/bin/python3 -c '
import json, sys
accounts = json.loads(sys.stdin.read())["accounts"]
assert [a["id"] for a in accounts] == ["anna", "olga"], accounts
assert all("hash" not in k for a in accounts for k in a), accounts
' <<<"$out" && pass || fail "staff list --json: $out"
lacks "$out" "argon2" "no hash in the list"

expect_exit 0 "staff passwd" with_stdin "another long passphrase" "$ctl" --db "$db" staff passwd anna
contains "$out" "new password for anna" "passwd says so"
expect_exit 0 "staff disable" "$ctl" --db "$db" staff disable olga
contains "$out" "disabled olga (agent; shops default; disabled)" "disable says so"
expect_exit 0 "staff list after disable" "$ctl" --db "$db" staff list
contains "$out" "disabled" "the list shows it"
expect_exit 0 "staff enable" "$ctl" --db "$db" staff enable olga
contains "$out" "active" "enable says so"
expect_exit 0 "staff remove" "$ctl" --db "$db" staff remove olga
contains "$out" "removed olga" "remove says so"
expect_exit 12 "staff remove again" "$ctl" --db "$db" staff remove olga
expect_exit 0 "staff list --json after remove" "$ctl" --db "$db" --json staff list
contains "$out" '"id":"anna"' "anna remains"
lacks "$out" '"id":"olga"' "olga is gone"

summary
