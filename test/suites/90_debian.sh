#!/usr/bin/env bash
# The Debian package: debian/ builds postgresql-15-cxsat with Debian's own
# extension tooling (dpkg-buildpackage -us -uc -b, dh --with pgxs_loop,
# pg_buildext; its build runs the regression suite on a throwaway
# pg_virtualenv cluster), in a temporary copy of the tree.  The .deb is then
# extracted into a clean server directory -- a relocated copy of Debian's
# PostgreSQL 15 with every cxsat file removed, as /work/devroot.sh makes --
# so the system's PostgreSQL is never touched, and a server started from
# that copy runs CREATE EXTENSION and queries checked against plain SQL.
#
# Always Debian's 15 (the package's major), whatever PG_CONFIG says.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
started=$SECONDS

for tool in dpkg-buildpackage dpkg-deb pg_buildext dh; do
	command -v "$tool" >/dev/null || { cx_result fail "debian: $tool is installed (see cx_packages in test/lib.sh)"; exit 0; }
done
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
	cx_result fail "debian: Debian's PostgreSQL 15 is installed"; exit 0
fi
work=$(cx_mktemp_dir debian)
trap 'cx_stop_server; rm -rf "$work"' EXIT

# ---------------------------------------------------------------- build
# the working tree as it is, without build products or an earlier build's
# debian/ leftovers
mkdir "$work/cxsat"
tar -C "$CX_ROOT" --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
	--exclude=./results --exclude=./log --exclude=./regression.diffs --exclude=./regression.out \
	--exclude=./debian/.debhelper --exclude=./debian/files --exclude='./debian/*.substvars' \
	--exclude='./debian/postgresql-*-cxsat' --exclude='./debian/debhelper-build-stamp' \
	-cf - . | tar -C "$work/cxsat" -xf -
t0=$SECONDS
(cd "$work/cxsat" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1
status=$?
build_s=$((SECONDS - t0))
deb=$(ls "$work"/postgresql-15-cxsat_*.deb 2>/dev/null | head -1)
if [ $status -eq 0 ] && [ -n "$deb" ]; then
	cx_result pass "debian: dpkg-buildpackage -us -uc -b builds $(basename "$deb") (${build_s} s)"
else
	tail -40 "$work/build.log"
	cx_result fail "debian: dpkg-buildpackage failed (status $status)"
	exit 0
fi
if grep -q 'All 11 tests passed\|All [0-9]* tests passed' "$work/build.log"; then
	cx_result pass "debian: the package build ran the regression suite: $(grep -oE 'All [0-9]+ tests passed' "$work/build.log")"
else
	grep -E '^(test |ok |not ok )' "$work/build.log" | head -20
	cx_result fail "debian: the package build did not pass its regression suite"
fi
warnings=$(grep -c 'warning:' "$work/build.log")
cx_check "debian: package build without compiler warnings ($warnings)" test "$warnings" -eq 0

pkg=$(dpkg-deb -f "$deb" Package)
depends=$(dpkg-deb -f "$deb" Depends)
files=$(dpkg-deb -c "$deb" | awk '{print $NF}')
want="./usr/lib/postgresql/15/lib/cxsat.so ./usr/share/postgresql/15/extension/cxsat.control
./usr/share/postgresql/15/extension/cxsat--0.1.0.sql ./usr/share/postgresql/15/extension/cxsat--0.1.0--0.2.0.sql
./usr/share/doc/postgresql-15-cxsat/copyright"
missing=0
for f in $want; do grep -qxF "$f" <<<"$files" || { echo "   not in the package: $f"; missing=$((missing + 1)); }; done
if [ "$pkg" = postgresql-15-cxsat ] && grep -q 'postgresql-15' <<<"$depends" && [ $missing -eq 0 ]; then
	cx_result pass "debian: $pkg depends on postgresql-15 and ships the module, control file and both scripts"
else
	cx_result fail "debian: package $pkg (Depends: $depends), $missing expected files missing"
fi

# ---------------------------------------------------------------- clean server
root=$work/root
mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
cp -a /usr/lib/postgresql/15 "$root/usr/lib/postgresql/"
cp -a /usr/share/postgresql/15 "$root/usr/share/postgresql/"
# whatever make install put into the system's tree is not part of the test
rm -rf "$root/usr/lib/postgresql/15/lib/cxsat.so" "$root/usr/lib/postgresql/15/lib/bitcode/cxsat" \
	"$root/usr/lib/postgresql/15/lib/bitcode/cxsat.index.bc" "$root"/usr/share/postgresql/15/extension/cxsat[.-]*
chmod -R a+rX "$root"
PG_CONFIG=$root/usr/lib/postgresql/15/bin/pg_config
cx_read_pg_config
if [ "$("$PG_CONFIG" --sharedir)" != "$root/usr/share/postgresql/15" ]; then
	cx_result fail "debian: the relocated server finds its files in the copy ($("$PG_CONFIG" --sharedir))"
	exit 0
fi
cx_start_server postgres || { cx_result fail "debian: the relocated server starts"; exit 0; }
q() { cx_psql -d postgres -At "$@"; }
before=$(q -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'cxsat'")
dpkg-deb -x "$deb" "$root"
chmod -R a+rX "$root"
after=$(q -c "SELECT default_version FROM pg_available_extensions WHERE name = 'cxsat'")
if [ "$before" = 0 ] && [ "$after" = 0.2.0 ]; then
	cx_result pass "debian: cxsat unknown to the clean server, available (0.2.0) once the .deb is extracted into it"
else
	cx_result fail "debian: cxsat availability before/after extracting: '$before' / '$after'"
fi

# ---------------------------------------------------------------- use it
out=$(q 2>&1 <<'SQL'
CREATE EXTENSION cxsat;
SELECT extversion FROM pg_extension WHERE extname = 'cxsat';
CREATE TABLE r AS
SELECT g, (g * 7) % 11 AS nps_score, (g * 3) % 5 + 1 AS csat_score,
	   feedback('nps', (g * 7) % 11) AS fb
FROM generate_series(1, 10000) g;
-- the extension against plain SQL, to 1e-9 points
SELECT abs(nps_agg(nps_score) - 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
										  - count(*) FILTER (WHERE nps_score <= 6)) / count(*)) < 1e-9,
	   abs(csat_agg(csat_score) - 100.0 * count(*) FILTER (WHERE csat_score >= 4) / count(*)) < 1e-9,
	   abs(nps(feedback_agg(fb)) - nps_agg(nps_score)) < 1e-9,
	   responses(feedback_agg(fb)) = count(*)
FROM r;
SQL
)
if [ "$out" = "$(printf '0.2.0\nt|t|t|t')" ]; then
	cx_result pass "debian: CREATE EXTENSION from the package; nps_agg, csat_agg, feedback_agg agree with plain SQL on 10000 rows"
else
	echo "$out"
	cx_result fail "debian: CREATE EXTENSION or the query from the package failed"
fi
libdir=$(q -c "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'")
cx_check "debian: the server that ran it is the relocated copy (pkglibdir $libdir)" \
	test "$libdir" = "$root/usr/lib/postgresql/15/lib"

echo "   debian suite: $((SECONDS - started)) s (package build ${build_s} s)"
exit 0
