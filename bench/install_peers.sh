#!/usr/bin/env bash
# Installs the peer linters srclint is compared with into a throw-away folder outside the repo:
# proselint (PyPI) in its own virtual environment and write-good (npm). Idempotent.
#   bench/install_peers.sh [DIR]     (default: ${SRCLINT_PEERS:-/tmp/srclint-peers})
set -euo pipefail
dir="${1:-${SRCLINT_PEERS:-/tmp/srclint-peers}}"
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/proselint" ]; then
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install --quiet proselint
fi
if command -v npm >/dev/null 2>&1 && [ ! -x "$dir/node/node_modules/.bin/write-good" ]; then
  mkdir -p "$dir/node"
  (cd "$dir/node" && npm install --silent --no-audit --no-fund write-good >/dev/null)
fi
echo "peers in $dir:"
ls "$dir/venv/bin/proselint" "$dir/node/node_modules/.bin/write-good" 2>/dev/null || true
