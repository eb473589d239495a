#!/bin/sh
# Starts v6admin for the browser tests on [::1]:$V6ADMIN_E2E_PORT with a
# fresh data directory (so every run starts from the embedded engine's
# seed), removed when Playwright stops the server. Logins are not rate
# limited as tightly as in production: every test logs in. With
# V6ADMIN_E2E_SCALE=1 (make bench) the engine also has the scale0 host (128
# NICs, 256 networks).
set -eu
port="${V6ADMIN_E2E_PORT:?V6ADMIN_E2E_PORT is not set}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/v6admin-e2e.XXXXXX")
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 143' INT TERM
../bin/v6admin --listen "[::1]:$port" --static-dir ../static --data-dir "$dir" \
  --login-rate 6000 --login-burst 1000 ${V6ADMIN_E2E_SCALE:+--seed-scale-host} &
pid=$!
wait "$pid"
