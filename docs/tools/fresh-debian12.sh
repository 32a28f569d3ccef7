#!/usr/bin/env bash
# Tries the README's two commands as a new user would, on a bare Debian 12: debootstrap a minimal
# bookworm root, clone the committed HEAD of this repository into it, chroot, run the first
# command (packaging/demo.sh) until it prints its URL and check that the URL serves a page, stop
# it, then run the second command (packaging/test.sh) to the end. docs/FRESH-DEBIAN.md explains.
#
#   sudo bash docs/tools/fresh-debian12.sh [WORK_DIR]     # from a clone; needs root and ~10 GB
#
# WORK_DIR (default /var/tmp/reclaim-fresh-debian12) receives the root (root/) and the logs
# (logs/: debootstrap.log, demo.log, page.html, test.log). The root is made anew on each run.
# Exits 0 only when both commands worked. Takes 1–2 hours on 2 cores (a plain and a sanitizer
# build). It clones what is committed: commit first.
set -uo pipefail

repo=$(git rev-parse --show-toplevel) || { echo "run it inside a clone of the project" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "debootstrap and chroot need root" >&2; exit 2; }
work=$(realpath -m "${1:-/var/tmp/reclaim-fresh-debian12}")
root=$work/root
logs=$work/logs
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Where the machine's apt already points (a local mirror or proxy), if it says.
configured=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
[[ -n $configured && -z ${DEBIAN_MIRROR:-} ]] && mirror=$configured

# The README's first fenced block holds the two commands; the comments after them go.
readarray -t commands < <(awk '/^```/ {inside = !inside; next} inside' "$repo/README.md" |
  grep -E '^(bash|sh|sudo|make|cmake) ' | head -n 2 | sed 's/[[:space:]]*#.*$//')
if [[ ${#commands[@]} -ne 2 ]]; then
  echo "the README's first code block does not start with two commands" >&2
  exit 1
fi
demo_cmd=${commands[0]}
test_cmd=${commands[1]}

command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null ||
  { echo "cannot install debootstrap" >&2; exit 1; }

unmount() {
  for m in dev/pts dev sys proc; do umount -l "$root/$m" 2>/dev/null; done
}
trap unmount EXIT

unmount
rm -rf --one-file-system "$root" "$logs"
mkdir -p "$root" "$logs"
echo "debootstrap --variant=minbase bookworm $root ($mirror); logs in $logs"
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$logs/debootstrap.log" 2>&1; then
  echo "FAIL: debootstrap, see $logs/debootstrap.log" >&2
  exit 1
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A machine that reaches the package registries through its own certificate authority or npm
# settings passes them on; on an ordinary machine these files do not exist.
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null
for f in /etc/npmrc /usr/etc/npmrc; do
  [[ -f $f ]] && mkdir -p "$root$(dirname "$f")" && cp "$f" "$root$f"
done
for m in proc sys dev dev/pts; do mount --bind "/$m" "$root/$m"; done

# In the root: a clean environment, as after logging in as root.
inside() {
  chroot "$root" env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt bash -c "$1"
}
# git to clone with, curl to fetch the demo's page; nothing else is installed by hand.
inside 'apt-get update -q && apt-get install -y -q git ca-certificates curl && update-ca-certificates' \
  >"$logs/base-packages.log" 2>&1 || { echo "FAIL: git and curl, see $logs/base-packages.log" >&2; exit 1; }
git clone -q "$repo" "$root/root/project" || { echo "FAIL: git clone" >&2; exit 1; }
echo "cloned $(git -C "$repo" rev-parse --short HEAD) into $root/root/project"

echo "1/2: $demo_cmd"
inside "cd /root/project && setsid bash -c 'echo \$\$ >/root/demo.pid; exec timeout 2400 $demo_cmd' \
  >/root/demo.log 2>&1 </dev/null &"
url=""
for _ in $(seq 480); do  # up to 40 minutes: the demo installs packages and builds first
  url=$(grep -aoE 'http://(127\.0\.0\.1|localhost|\[::1\]):[0-9]+[^ "<>]*' "$root/root/demo.log" \
    2>/dev/null | head -n 1)
  [[ -n $url ]] && break
  sleep 5
done
status=none
if [[ -n $url ]]; then
  sleep 1
  status=$(inside "curl -s -o /root/page.html -w '%{http_code}' --max-time 10 '$url'")
  cp "$root/root/page.html" "$logs/page.html" 2>/dev/null
fi
cp "$root/root/demo.log" "$logs/demo.log" 2>/dev/null
pid=$(cat "$root/root/demo.pid" 2>/dev/null)
if [[ -n $pid ]]; then
  kill -TERM -- "-$pid" 2>/dev/null
  sleep 3
  kill -KILL -- "-$pid" 2>/dev/null
fi
if [[ $status != 200 ]]; then
  echo "FAIL: the demo served no page (URL '${url:-none}', HTTP $status), see $logs/demo.log" >&2
  exit 1
fi
echo "    $url answered 200"

echo "2/2: $test_cmd"
inside "cd /root/project && CI=true $test_cmd" >"$logs/test.log" 2>&1
rc=$?
grep -aE 'tests passed|tests failed out of|\(Failed\)' "$logs/test.log" | tail -n 8
if [[ $rc -ne 0 ]]; then
  echo "FAIL: the test command exited $rc, see $logs/test.log" >&2
  exit 1
fi
echo "OK: both of the README's commands work on a bare Debian 12 (logs in $logs)"
