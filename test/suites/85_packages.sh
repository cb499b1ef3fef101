#!/usr/bin/env bash
# Distribution files: LICENSE (the PostgreSQL licence) and PGXN's META.json.
# META.json is checked by test/packaging/validate_meta.py (the PGXN Meta
# Spec 1.0.0 rules; Debian packages no PGXN::Meta::Validator), which must
# also reject a broken copy, and it must agree with cxsat.control.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

if out=$(python3 test/packaging/validate_meta.py META.json 2>&1); then
	cx_result pass "packages: META.json validates against the PGXN Meta Spec 1.0.0"
else
	echo "$out"; cx_result fail "packages: META.json does not validate"
fi
# each of the 8 faults of bad_META.json is reported, and the copy fails
out=$(python3 test/packaging/validate_meta.py test/packaging/bad_META.json 2>&1)
status=$?
n=$(grep -cE "lacks required key 'abstract'|version: '0.2' is not|'pg' is not a license|'>= 14' is not a version range|unknown key 'foo'|lacks required key 'version'|must be \"1.0.0\"|release_status: must be" <<<"$out")
if [ $status -ne 0 ] && [ "$n" -eq 8 ] && ! grep -q x_ok <<<"$out"; then
	cx_result pass "packages: the META validator reports all 8 faults of bad_META.json (and accepts x_ keys)"
else
	echo "$out"; cx_result fail "packages: the META validator found $n of 8 faults (status $status)"
fi

read -r name version file license prereq < <(python3 -c '
import json
m = json.load(open("META.json"))
p = m["provides"]["cxsat"]
print(m["name"], m["version"], p["file"], m["license"], m["prereqs"]["runtime"]["requires"]["PostgreSQL"])
assert p["version"] == m["version"]')
control=$(sed -nE "s/^default_version = '(.*)'/\1/p" cxsat.control)
if [ "$name" = cxsat ] && [ "$version" = "$control" ] && [ -f "$file" ] && [ "$prereq" = 14.0.0 ]; then
	cx_result pass "packages: META.json names cxsat $version (= cxsat.control), an existing file, PostgreSQL >= 14"
else
	cx_result fail "packages: META.json ($name $version, $file, PostgreSQL $prereq) disagrees with cxsat.control ($control)"
fi
if [ "$license" = postgresql ] && grep -q '^PostgreSQL License$' LICENSE &&
	grep -q 'Copyright (c) 2026, cxsat developers' LICENSE &&
	grep -q 'WITHOUT A WRITTEN AGREEMENT' <(tr a-z A-Z <LICENSE) &&
	grep -q 'License: PostgreSQL' debian/copyright; then
	cx_result pass "packages: LICENSE is the PostgreSQL licence (cxsat developers, 2026), as META.json and debian/copyright say"
else
	cx_result fail "packages: LICENSE, META.json license ($license) and debian/copyright disagree"
fi
exit 0
