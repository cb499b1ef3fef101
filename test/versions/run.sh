#!/usr/bin/env bash
# make test-versions: the pg_regress suite and the install/upgrade suite on
# every supported major, then pg_upgrade with cxsat data from 15 to 18.
#
#   CXSAT_MAJORS="16 18" make test-versions     a subset
#
# Each major other than 15 (Debian's package) is built once from
# ../shared/pg-src into /var/cache/cxsat/pg (test/versions/pgbuild.sh), and
# pg_cron with it.  Prints one line per major and ends with the total
# "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
majors=${CXSAT_MAJORS:-14 15 16 17 18 19}
src=${CXSAT_PG_SRC:-$CX_ROOT/../shared/pg-src}
started=$SECONDS

all_results=$(mktemp /tmp/cxsat-matrix.XXXXXX)
summary=$(mktemp /tmp/cxsat-matrix-summary.XXXXXX)
trap 'rm -f "$all_results" "$summary" "$all_results".*' EXIT

# One matrix at a time: every run installs cxsat into the same shared
# servers (the cache and Debian's 15), so a second run started from another
# checkout would swap the module under the first one's tests.  It waits.
cache=${CXSAT_PG_CACHE:-/var/cache/cxsat/pg}
mkdir -p "$cache"
exec 9>>"$cache/.matrix.lock"
if ! flock -n 9; then
	echo "test-versions: another matrix run holds $cache/.matrix.lock; waiting for it"
	flock -w 3600 9 || { echo "test-versions: lock not released within an hour" >&2; exit 1; }
fi

# what every major needs: the compilers and Perl of make test, Debian's 15
# and its pg_cron when 15 is in the run, and the tools of a source build
if [[ " $majors " == *" 15 "* ]]; then
	PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config cx_ensure_packages
fi
PG_CONFIG=/nonexistent/pg_config cx_ensure_packages

# install_pg_cron PG_CONFIG: pg_cron for a source-built major, once.  Its
# Makefile asks for -std=c99, but 19 needs C11, and 19's headers no longer
# declare max_files_per_process where pg_cron looks; both are compiler
# flags, no change to pg_cron's source.
install_pg_cron() {
	local pgc=$1 prefix stamp work flags
	prefix=$(dirname "$(dirname "$pgc")")
	stamp=$(awk '$1 == "pg_cron" { print $3 }' "$src/VERSIONS")
	[ "$(cat "$prefix/.cxsat-pg_cron" 2>/dev/null)" = "$stamp" ] && return 0
	work=$(mktemp -d /tmp/cxsat-pg_cron.XXXXXX)
	tar -xJf "$src/pg_cron.tar.xz" -C "$work" || return 1
	flags='-std=gnu11 -include postgres.h -include storage/fd.h -Iinclude -I$(libpq_srcdir)'
	if (cd "$work"/pg_cron* && make -s PG_CONFIG="$pgc" "PG_CPPFLAGS=$flags" &&
		make -s PG_CONFIG="$pgc" install) >"$work.log" 2>&1; then
		echo "$stamp" >"$prefix/.cxsat-pg_cron"
		rm -rf "$work" "$work.log"
	else
		tail -20 "$work.log"
		rm -rf "$work" "$work.log"
		return 1
	fi
}

declare -A pgconfig
for major in $majors; do
	results=$all_results.$major
	: >"$results"
	export CX_RESULTS=$results
	t0=$SECONDS
	printf '\n== PostgreSQL %s ==\n' "$major"
	if ! pgc=$(bash test/versions/pgbuild.sh "$major"); then
		cx_result fail "$major: PostgreSQL builds from $src"
		echo "PostgreSQL $major: does not build" >>"$summary"
		cat "$results" >>"$all_results"
		continue
	fi
	pgconfig[$major]=$pgc
	export PG_CONFIG=$pgc
	cx_read_pg_config
	version=$("$pgc" --version | sed 's/^PostgreSQL //')

	make -s PG_CONFIG="$pgc" clean >/dev/null 2>&1
	build_log=$(make PG_CONFIG="$pgc" PG_CFLAGS="-Wall -Wextra" 2>&1)
	build_status=$?
	warnings=$(grep -c 'warning:' <<<"$build_log")
	if [ $build_status -ne 0 ]; then
		echo "$build_log" | grep -E 'error|warning' | head -20
		cx_result fail "$major: cxsat builds"
		echo "PostgreSQL $version: cxsat does not build" >>"$summary"
		cat "$results" >>"$all_results"
		continue
	fi
	if [ "$warnings" = 0 ]; then cx_result pass "$major: build with no warning at -Wall -Wextra"
	else grep 'warning:' <<<"$build_log"; cx_result fail "$major: build: $warnings warnings"; fi
	cx_as_root make -s PG_CONFIG="$pgc" install >/dev/null
	if [ "$major" != 15 ]; then
		install_pg_cron "$pgc" || cx_result fail "$major: pg_cron builds"
	fi

	# count_suite SUITE: run it and set suite_pass/suite_fail to what it added
	count_suite() {
		local before
		before=$(wc -l <"$results")
		bash "test/suites/$1.sh"
		suite_pass=$(tail -n +$((before + 1)) "$results" | grep -c '^pass ')
		suite_fail=$(tail -n +$((before + 1)) "$results" | grep -c '^fail ')
	}
	count_suite 20_regress
	regress_pass=$suite_pass regress_fail=$suite_fail
	count_suite 30_upgrade
	upgrade_pass=$suite_pass upgrade_fail=$suite_fail
	printf 'PostgreSQL %s: build %s warnings, regress %d/%d, upgrade %d/%d (%ds)\n' \
		"$version" "$warnings" "$regress_pass" $((regress_pass + regress_fail)) \
		"$upgrade_pass" $((upgrade_pass + upgrade_fail)) $((SECONDS - t0)) >>"$summary"
	cat "$results" >>"$all_results"
done

# pg_upgrade with cxsat data to 18, cxsat installed in every major by the
# loop: from Debian's 15 (the issue's case) and from 14 built from source
export CX_UPGRADE_BLOCKED=$all_results.blocked
for old in 15 14; do
	[ -n "${pgconfig[$old]:-}" ] && [ -n "${pgconfig[18]:-}" ] || continue
	results=$all_results.upgrade$old
	: >"$results"
	export CX_RESULTS=$results
	printf '\n== pg_upgrade %s -> 18 ==\n' "$old"
	: >"$CX_UPGRADE_BLOCKED"
	bash test/versions/pg_upgrade.sh "${pgconfig[$old]}" "${pgconfig[18]}"
	# one line: the counts, and how Debian's 15 had to be prepared if it did
	printf 'pg_upgrade %s -> 18: %d/%d%s\n' "$old" "$(grep -c '^pass' "$results")" \
		"$(wc -l <"$results")" "$(sed 's/^/ /' "$CX_UPGRADE_BLOCKED")" >>"$summary"
	cat "$results" >>"$all_results"
done

# leave the tree built for Debian's 15, as make test leaves it
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config clean >/dev/null 2>&1

passed=$(grep -c '^pass ' "$all_results")
failed=$(grep -c '^fail ' "$all_results")
printf '\n== version matrix (%d s) ==\n' $((SECONDS - started))
cat "$summary"
if [ "$failed" -gt 0 ]; then
	printf '\nfailed:\n'
	sed -n 's/^fail /  /p' "$all_results"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
