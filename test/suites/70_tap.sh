#!/usr/bin/env bash
# TAP tests with PostgreSQL's own test framework (PostgreSQL::Test::Cluster,
# from postgresql-server-dev-15), run by prove as the postgres account:
# test/tap/t/*.pl.  Each TAP assertion is one recorded result.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

PGXS_DIR=$("$PG_CONFIG" --pkglibdir)/pgxs
if [ ! -f "$PGXS_DIR/src/test/perl/PostgreSQL/Test/Cluster.pm" ]; then
	cx_result fail "tap: PostgreSQL::Test::Cluster is not installed"
	exit 0
fi

# a copy the postgres account can read: the repository may be under /root
work=$(cx_mktemp_dir tap)
trap '[ -n "${CX_KEEP_TAP:-}" ] || rm -rf "$work"' EXIT
cp -r test/tap/t "$work/t"
chmod -R a+rX "$work/t"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work"

log=$work/prove.log
(cd "$work" && cx_as_pg env \
	PATH="$PG_BINDIR:$PATH" \
	PERL5LIB="$PGXS_DIR/src/test/perl" \
	PG_REGRESS="$PGXS_DIR/src/test/regress/pg_regress" \
	TESTDIR="$work" \
	prove -v t/*.pl) >"$log" 2>&1
status=$?

current=
while IFS= read -r line; do
	case "$line" in
		t/*.pl\ ..*) current=$(basename "${line%% *}" .pl) ;;
		"ok "*) cx_result pass "tap: $current: $(sed -E 's/^ok [0-9]+ - //' <<<"$line")" ;;
		"not ok "*) cx_result fail "tap: $current: $(sed -E 's/^not ok [0-9]+ - //' <<<"$line")" ;;
	esac
done <"$log"
grep -E '^# (stream|REFRESH)' "$log"
if [ $status -ne 0 ]; then
	tail -40 "$log"
	for f in "$work"/tmp_check/log/*.log; do
		[ -f "$f" ] && { echo "== $f"; tail -30 "$f"; }
	done
	cx_result fail "tap: prove exited with status $status"
fi
exit 0
