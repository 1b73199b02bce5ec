#!/usr/bin/env bash
# The failover check, end to end: a PostgreSQL 15 primary with a
# synchronous streaming standby (two clusters of their own on this
# machine, fo_primary on 5441 and fo_standby on 5442), two `payesh serve`
# processes whose connection string names both hosts with
# target_session_attrs=read-write, and a write load through both
# (scripts/failover, internal/failover). Mid-load the primary is stopped
# hard and the standby promoted; the driver then shows that no
# acknowledged write was lost, that a session and a token made before
# still work, that the digest and the reminders' emails went out exactly
# once, and that both instances recovered without a restart, and prints
# the figures. Any failure fails the script.
#
#   scripts/failover.sh            set up, run, tear the clusters down
#   FAILOVER_KEEP=1 scripts/failover.sh   leave the clusters for a look
#   FAILOVER_SYNC=off scripts/failover.sh asynchronous replication: the
#                                         check must fail, acknowledged writes lost
#   scripts/failover.sh promote    (the driver calls it) stop the primary, promote the standby
#   scripts/failover.sh down       drop both clusters
#
# Needs root (it runs PostgreSQL's tools as postgres), Debian's
# postgresql-15 and the built binary (make build); `make failover` builds
# it first. The cluster "15 main" the tests use is not touched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PRIMARY=fo_primary PRIMARY_PORT=${FAILOVER_PRIMARY_PORT:-5441}
STANDBY=fo_standby STANDBY_PORT=${FAILOVER_STANDBY_PORT:-5442}
DB=payesh_fo APP_USER=payesh_fo APP_PASS=payesh_fo
REPL_USER=payesh_repl REPL_PASS=payesh_repl
BIN=${BIN:-./bin/payesh}
DURATION=${FAILOVER_DURATION:-24s} AFTER=${FAILOVER_AFTER:-8s} CLIENTS=${FAILOVER_CLIENTS:-4}

fail() { echo "FAIL: $*" >&2; exit 1; }
as_pg() { su postgres -c "cd / && $1"; }
psql_on() { as_pg "timeout 30 psql -X -q -At -v ON_ERROR_STOP=1 -p $1 -d ${3:-postgres} -c \"$2\""; }
exists() { pg_lsclusters -h | grep -qE "^15[[:space:]]+$1[[:space:]]"; }

# thaw resumes every process of a cluster's server: a run killed while
# promote froze the standby's WAL receiver leaves it stopped, and a server
# with a stopped child never shuts down.
thaw() {
	local pidfile="/var/lib/postgresql/15/$1/postmaster.pid" pid
	[[ -f $pidfile ]] || return 0
	pid=$(head -n 1 "$pidfile")
	[[ $pid =~ ^[0-9]+$ ]] || return 0
	for child in $(pgrep -P "$pid" || true); do kill -CONT "$child" 2>/dev/null || true; done
}

# down drops both clusters and their configuration folders, which
# pg_dropcluster leaves when they hold a file of ours (conf.d/failover.conf:
# a new primary that found it would wait for a standby it does not have).
down() {
	for c in "$STANDBY" "$PRIMARY"; do
		thaw "$c"
		if exists "$c"; then pg_dropcluster --stop 15 "$c"; fi
		rm -rf "/etc/postgresql/15/${c:?}"
	done
}

wait_ready() { # port: until the server accepts connections, at most 30 s
	for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p "$1" && return 0; sleep 0.5; done
	fail "PostgreSQL on port $1 did not start"
}

# promote is the failover itself, at its worst moment: the standby's WAL
# receiver is frozen for FAILOVER_LAG seconds, so the standby lags the
# primary (as over a slow link), then the primary dies without a shutdown
# checkpoint, and the standby, receiving again, is promoted and takes
# writes. An asynchronous primary acknowledges commits the standby never
# gets; a synchronous one holds them back, so they fail unacknowledged.
# The old primary stays down: brought back as it is it would be a second
# primary (split brain), so it is fenced until rebuilt as a standby of the
# new one.
promote() {
	receiver=$(psql_on "$STANDBY_PORT" "SELECT pid FROM pg_stat_wal_receiver")
	[[ $receiver =~ ^[0-9]+$ ]] || fail "the standby has no WAL receiver"
	# Whatever happens from here, the receiver is not left frozen (the
	# trap runs when this command ends, so receiver is not local).
	trap 'kill -CONT "$receiver" 2>/dev/null || true' EXIT
	kill -STOP "$receiver"
	sleep "${FAILOVER_LAG:-1}"
	pg_ctlcluster 15 "$PRIMARY" stop -m immediate
	kill -CONT "$receiver"
	pg_ctlcluster 15 "$STANDBY" promote
	for _ in $(seq 60); do
		[[ $(psql_on "$STANDBY_PORT" "SELECT pg_is_in_recovery()") == f ]] && return 0
		sleep 0.5
	done
	fail "the standby was not promoted"
}

# FAILOVER_SYNC: on (the default) or off.
case "${FAILOVER_SYNC:-on}" in
on | 1 | sync) SYNC=on ;;
off | 0 | async) SYNC=off ;;
*) fail "FAILOVER_SYNC is on or off, not '$FAILOVER_SYNC'" ;;
esac

case "${1:-run}" in
promote) promote; exit 0 ;;
down) down; exit 0 ;;
run) ;;
*) fail "usage: $0 [run|promote|down]" ;;
esac

for tool in pg_createcluster pg_ctlcluster pg_dropcluster pg_lsclusters pg_isready; do
	command -v "$tool" >/dev/null || fail "$tool is missing: install Debian's postgresql-15"
done
[[ -x /usr/lib/postgresql/15/bin/pg_basebackup ]] || fail "pg_basebackup 15 is missing: install postgresql-15"
[[ $(id -u) == 0 ]] || fail "run as root: PostgreSQL's tools run as the user postgres"
[[ -x $BIN ]] || fail "$BIN is missing: make build"
for addr in 127.0.0.1:18091 127.0.0.1:18092; do # the driver's --addrs
	if (exec 3<>"/dev/tcp/${addr%:*}/${addr#*:}") 2>/dev/null; then
		fail "something listens on $addr already (a payesh serve left by an aborted run?)"
	fi
done

# A fresh pair every run: after a failover the old primary is stale, and
# rebuilding both takes seconds.
down
if [[ -z ${FAILOVER_KEEP:-} ]]; then trap down EXIT; fi

echo "== primary $PRIMARY on $PRIMARY_PORT"
pg_createcluster 15 "$PRIMARY" -p "$PRIMARY_PORT" -o shared_buffers=32MB -o max_connections=60 >/dev/null
pg_ctlcluster 15 "$PRIMARY" start
wait_ready "$PRIMARY_PORT"
psql_on "$PRIMARY_PORT" "CREATE ROLE $APP_USER LOGIN PASSWORD '$APP_PASS'"
psql_on "$PRIMARY_PORT" "CREATE ROLE $REPL_USER LOGIN REPLICATION PASSWORD '$REPL_PASS'"
psql_on "$PRIMARY_PORT" "CREATE DATABASE $DB OWNER $APP_USER"

echo "== standby $STANDBY on $STANDBY_PORT (pg_basebackup -R)"
pg_createcluster 15 "$STANDBY" -p "$STANDBY_PORT" -o shared_buffers=32MB -o max_connections=60 >/dev/null
standby_dir=$(pg_lsclusters -h | awk -v c="$STANDBY" '$1 == 15 && $2 == c {print $6}')
[[ -n $standby_dir && -d $standby_dir ]] || fail "no data directory for $STANDBY"
rm -rf "${standby_dir:?}"/*
as_pg "PGPASSWORD=$REPL_PASS /usr/lib/postgresql/15/bin/pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U $REPL_USER \
	-D $standby_dir -R -X stream -c fast -d 'application_name=$STANDBY'"
pg_ctlcluster 15 "$STANDBY" start
wait_ready "$STANDBY_PORT"

# Synchronous replication, switched on once the standby streams (before,
# every commit would wait for it): a commit is acknowledged only when the
# standby has it, so promoting the standby loses no acknowledged write.
# It lives in the primary's own conf.d, which pg_basebackup does not copy,
# so the promoted standby does not wait for a standby it lacks.
# FAILOVER_SYNC=off leaves replication asynchronous, to see what that risks.
want="streaming sync"
if [[ $SYNC == off ]]; then
	want="streaming async"
else
	echo "synchronous_standby_names = '$STANDBY'" >"/etc/postgresql/15/$PRIMARY/conf.d/failover.conf"
	echo "synchronous_commit = on" >>"/etc/postgresql/15/$PRIMARY/conf.d/failover.conf"
	pg_ctlcluster 15 "$PRIMARY" reload
fi
state=
for _ in $(seq 60); do
	state=$(psql_on "$PRIMARY_PORT" "SELECT state || ' ' || sync_state FROM pg_stat_replication WHERE application_name = '$STANDBY'")
	[[ $state == "$want" ]] && break
	sleep 0.5
done
[[ $state == "$want" ]] || fail "the standby is not a $want replica (pg_stat_replication: '${state}')"
echo "pg_stat_replication: $STANDBY $state"

dsn="postgres://$APP_USER:$APP_PASS@127.0.0.1:$PRIMARY_PORT,127.0.0.1:$STANDBY_PORT/$DB?sslmode=disable&target_session_attrs=read-write&connect_timeout=2"
echo "== payesh demo into the primary"
PAYESH_DB=$dsn $BIN demo >/dev/null

echo "== two instances, write load, failover after $AFTER (set up in ${SECONDS}s)"
go run ./scripts/failover --bin "$BIN" --db "$dsn" --clients "$CLIENTS" --duration "$DURATION" \
	--failover-after "$AFTER" --failover-cmd "scripts/failover.sh promote"
echo "failover check: ${SECONDS}s in all, the clusters' removal to come"
