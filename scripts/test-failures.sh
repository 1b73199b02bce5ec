#!/usr/bin/env bash
# test-failures.sh LOG prints, from a `go test -v` log, the output of the
# tests that failed and any panic, so the end of a CI log (often all a
# reader sees) names what broke and why. `make test` runs it after
# printing the whole log.
set -euo pipefail
log=$1
echo "== failed tests, with their output"
# Each test's output follows a "=== RUN|NAME|CONT  Name" line until the
# next "=== " line; a test that failed is named in a "--- FAIL: Name" line.
awk '
	FNR == NR {
		if (match($0, /--- FAIL: [^ ]+/)) failed[substr($0, RSTART + 10, RLENGTH - 10)] = 1
		next
	}
	/^=== (RUN|NAME|CONT|PAUSE) / { current = $3; show = (current in failed); if (show) print; next }
	/^(panic:|FAIL|--- FAIL)/ || /^\s+--- FAIL/ { print; next }
	show { print }
' "$log" "$log" | tail -n 400
