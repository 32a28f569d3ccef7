#!/usr/bin/env bash
# Installs what Reclaim needs to build, test and run on Debian 12. Idempotent: when every
# package is already present it only checks and returns (no apt-get update, no network).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql  # PostgreSQL: the backend and its tests
  libspdlog-dev libfmt-dev
  libhowardhinnant-date-dev tzdata
  libssl-dev libexpat1-dev
  libmagic-dev libmagic1 libmagic-mgc  # uploads: libmagic's opinion beside our own rules
  libcurl4-openssl-dev  # messages: mails over SMTP and webhook posts (plugin/engine/transport.cpp)
  python3-aiosmtpd  # tests/messages: a real SMTP server receives the mails
  libgmime-3.0-dev  # inbound mail: RFC 5322/MIME messages parsed (plugin/engine/inbound_mail.cpp)
  libsodium-dev  # reclaimd's staff accounts: Argon2id password hashes
  # documents (plugin/documents, docs/DOCUMENTS.md): Pango typesets, cairo writes the PDF,
  # libqrencode draws the return slip's QR code, in DejaVu Sans; the tests read the PDFs back
  # with poppler's pdftotext and pdftoppm and decode the QR code with zbarimg
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-dejavu-core
  poppler-utils zbar-tools
  libgtest-dev libgmock-dev libbenchmark-dev
  php8.2-cli python3 abigail-tools doxygen dpkg-dev file  # SDK: bindings, ABI check, reference, .deb
  python3-jsonschema python3-yaml  # docs/api's schemas checked against the library (tests/schema)
  clang-14 libclang-rt-14-dev  # fuzz/: libFuzzer with ASan and UBSan (docs/FUZZING.md)
  chromium chromium-driver
  nginx openssl  # tests/tls: reclaimd behind nginx terminating TLS (docs/deploy/nginx-tls.conf)
)
# Node.js and npm for the Node binding (sdk/node: its addon's build runs npm ci, its tests run
# with node --test) and the browser test: Debian's (Node 18, enough for a Node-API addon),
# unless a Node.js with npm is already installed: a newer one (NodeSource's nodejs bundles npm
# and conflicts with Debian's npm package) is kept, never replaced.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# nginx and PostgreSQL would start system services on install; the tests start their own on
# 127.0.0.1. A policy-rc.d that refuses (exit 101) holds for the install only, unless the
# machine has one already.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod 755 "$policy"
  trap '"${sudo_cmd[@]}" rm -f "$policy"' EXIT
fi
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
