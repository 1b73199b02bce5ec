#!/usr/bin/env bash
# The scripted check of concurrent writes, end to end: a fresh PostgreSQL
# database with the demo, two `payesh serve` processes on it, and
# `payesh stress` with eight API clients spread over both. It fails on any
# 5xx, on a parent whose progress is not its children's weighted mean,
# and on a roll-up that is not what the raw values give.
#
# Needs the local PostgreSQL cluster with the test role (make pg-start)
# and the built binary (make build). `make stress` runs both first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_USER=${PG_USER:-payesh_test} PG_PASS=${PG_PASS:-payesh_test}
DB=payesh_stress
BIN=./bin/payesh
CLIENTS=${CLIENTS:-8} ROUNDS=${ROUNDS:-6}

su postgres -c "cd / && PGOPTIONS=--client-min-messages=warning dropdb --if-exists $DB && createdb -O $PG_USER $DB"
export PAYESH_DB="postgres://${PG_USER}:${PG_PASS}@127.0.0.1:5432/${DB}?sslmode=disable"

$BIN demo >/dev/null
token=$($BIN token create --username secretariat --name "stress check" --ttl 1h 2>/dev/null)

logs=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
urls=()
for port in 18081 18082; do
	$BIN serve --addr "127.0.0.1:$port" >"$logs/serve-$port.out" 2>"$logs/serve-$port.log" &
	pids+=($!)
	urls+=("http://127.0.0.1:$port")
done
for u in "${urls[@]}"; do
	for _ in $(seq 100); do
		curl -fsS "$u/healthz" >/dev/null 2>&1 && break
		sleep 0.1
	done
	curl -fsS "$u/healthz" >/dev/null || { cat "$logs"/*.log; echo "FAIL: $u did not start"; exit 1; }
done

if ! $BIN stress --url "$(IFS=,; echo "${urls[*]}")" --token "$token" --clients "$CLIENTS" --rounds "$ROUNDS"; then
	echo "== server logs"; cat "$logs"/*.log
	exit 1
fi
