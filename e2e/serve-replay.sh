#!/bin/sh
# Starts the replay engine (engine/replay: answers from the fixtures in the
# real oVirt engine's shape, host1's NICs deliberately unreadable) on
# [::1]:$V6ADMIN_REPLAY_ENGINE_PORT and v6admin in front of it on
# [::1]:$V6ADMIN_REPLAY_PORT, with a fresh data directory; both stop with
# Playwright's server.
set -eu
port="${V6ADMIN_REPLAY_PORT:?V6ADMIN_REPLAY_PORT is not set}"
eport="${V6ADMIN_REPLAY_ENGINE_PORT:?V6ADMIN_REPLAY_ENGINE_PORT is not set}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/v6admin-replay.XXXXXX")
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  [ -n "${epid:-}" ] && kill "$epid" 2>/dev/null
  wait 2>/dev/null; rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
../bin/replay -listen "[::1]:$eport" -broken-nics &
epid=$!
../bin/v6admin --listen "[::1]:$port" --static-dir ../static --data-dir "$dir/data" \
  --engine-url "http://[::1]:$eport/ovirt-engine/api" \
  --login-rate 6000 --login-burst 1000 &
pid=$!
wait "$pid"
