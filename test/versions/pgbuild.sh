#!/usr/bin/env bash
# pgbuild.sh MAJOR: build the PostgreSQL MAJOR from ../shared/pg-src once into
# a cache directory and print its pg_config.  A stamp records the source
# commit and the configure flags, so a changed tarball or flag set rebuilds.
#
#   CXSAT_PG_CACHE   where builds live (default /var/cache/cxsat/pg)
#   CXSAT_PG_SRC     the tarballs (default ../shared/pg-src beside the repo)
#
# 15 is Debian's own package: its pg_config is printed without a build.
set -euo pipefail
major=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${CXSAT_PG_CACHE:-/var/cache/cxsat/pg}
src=${CXSAT_PG_SRC:-$root/../shared/pg-src}

if [ "$major" = 15 ]; then
	echo /usr/lib/postgresql/15/bin/pg_config
	exit 0
fi

tarball=$src/postgresql-$major.tar.xz
[ -f "$tarball" ] || { echo "pgbuild: no $tarball" >&2; exit 1; }
commit=$(awk -v m="$major" '$1 == m { print $3 }' "$src/VERSIONS")

# JIT needs LLVM at build time; 18 is built with it because the benchmark
# compares JIT on 15 (Debian's, built with LLVM) and 18.  Debian 12's LLVM 14
# is the oldest that 18 accepts.
flags="--without-icu --without-readline"
if [ "$major" = 18 ]; then
	flags="$flags --with-llvm LLVM_CONFIG=/usr/bin/llvm-config-14 CLANG=/usr/bin/clang-14"
fi
prefix=$cache/$major
stamp="$commit $flags"
# contrib modules the suites use where present (amcheck: the upgrade suite
# verifies btree indexes; pg_prewarm: make bench), built with PGXS from
# the same tarball once the server is there
install_contrib() {
	local m work
	for m in amcheck pg_prewarm; do
		[ -f "$prefix/share/postgresql/extension/$m.control" ] ||
			[ -f "$prefix/share/extension/$m.control" ] && continue
		work=$(mktemp -d "${TMPDIR:-/tmp}/cxsat-contrib.XXXXXX")
		tar -xJf "$tarball" -C "$work" "postgresql-$major/contrib/$m" &&
			make -s -C "$work/postgresql-$major/contrib/$m" USE_PGXS=1 \
				PG_CONFIG="$prefix/bin/pg_config" install >>"$cache/contrib-$major.log" 2>&1 ||
			echo "pgbuild: contrib/$m did not build for $major (see $cache/contrib-$major.log)" >&2
		rm -rf "$work"
	done
}

if [ -x "$prefix/bin/pg_config" ] && [ "$(cat "$prefix/.cxsat-stamp" 2>/dev/null)" = "$stamp" ]; then
	install_contrib
	echo "$prefix/bin/pg_config"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cxsat-pgbuild.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$cache/build-$major.log
mkdir -p "$cache"
rm -rf "$prefix"
echo "pgbuild: building PostgreSQL $major into $prefix (log: $log)" >&2
{
	tar -xJf "$tarball" -C "$work"
	cd "$work/postgresql-$major"
	# shellcheck disable=SC2086
	eval ./configure --prefix="$prefix" $flags
	# the server, client programs and PGXS (with pg_regress); no contrib
	make -j"$(nproc)" -s
	make -s install
} >"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
echo "$stamp" >"$prefix/.cxsat-stamp"
install_contrib
echo "$prefix/bin/pg_config"
