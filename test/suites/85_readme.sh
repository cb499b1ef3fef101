#!/usr/bin/env bash
# Docs that run: every ```sql block of README.md is run against the demo's
# data set, in order, each in its own psql session, and what it prints is
# compared with the ```text block that follows it (the output the README
# shows).  A block meant to fail shows its error text, and that is compared
# too.  One result per block; a block with no output block after it fails.
#
# The demo runs first with KEEP=1, so the examples meet exactly the tables
# and the daily_feedback view `make demo KEEP=1` leaves a reader.
#
#   CXSAT_README_BLESS=1 bash test/suites/85_readme.sh
#       rewrites each output block of README.md with what its query printed
#       (for writing the README; read every line of the diff before committing)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

workdir=$(mktemp -d /tmp/cxsat-readme.XXXXXX)
env_file=$workdir/demo.env
cleanup() {
	if [ -f "$env_file" ]; then
		# shellcheck disable=SC1090
		. "$env_file"
		CX_PGDIR=$CX_PGDIR cx_stop_server
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

if ! KEEP=1 CXSAT_DEMO_ENV=$env_file bash test/demo.sh >"$workdir/demo.log" 2>&1 ||
	[ ! -f "$env_file" ]; then
	tail -n 30 "$workdir/demo.log"
	cx_result fail "readme: make demo KEEP=1 runs and keeps its server"
	exit 0
fi
cx_result pass "readme: make demo KEEP=1 runs, agrees with plain SQL and keeps its server"
# shellcheck disable=SC1090
. "$env_file"
export PGHOST PGPORT PGUSER PGDATABASE PGTZ=UTC

# Does the demo print the keep-alive instructions it promises?
if grep -q "psql -h $CX_PGDIR -p $PGPORT -U postgres -d $PGDATABASE" "$workdir/demo.log" &&
	grep -q "pg_ctl -D $CX_PGDIR/data -m fast stop" "$workdir/demo.log"; then
	cx_result pass "readme: KEEP=1 prints the psql command and how to stop the server"
else
	cx_result fail "readme: KEEP=1 prints the psql command and how to stop the server"
fi

# The demo's four queries are the README's recipes, word for word.
missing=0
for q in test/data/demo_[1-4]_*.sql; do
	if ! python3 - "$q" README.md <<'PY'; then
import sys
query = open(sys.argv[1]).read().strip()
# the README shows the query without the file's leading comment lines
lines = query.splitlines()
while lines and lines[0].startswith('--'):
	lines.pop(0)
body = '\n'.join(lines).strip()
sys.exit(0 if body in open(sys.argv[2]).read() else 1)
PY
		echo "  $q is not in README.md"
		missing=$((missing + 1))
	fi
done
if [ "$missing" = 0 ]; then
	cx_result pass "readme: the demo's four queries appear in README.md as they are"
else
	cx_result fail "readme: $missing of the demo's queries differ from README.md"
fi

# The reference names every function the extension installs for users
# (schema of the extension; cxsat_internal holds the 0.1.0 operators).
unnamed=$("$PG_BINDIR/psql" -X -At -c "
	SELECT DISTINCT p.proname
	FROM pg_catalog.pg_proc AS p
	JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
		AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'cxsat'
	WHERE p.pronamespace = e.extnamespace
	ORDER BY 1" | while read -r f; do
		grep -q "\`$f[(\`]" README.md || echo "$f"
	done)
if [ -z "$unnamed" ]; then
	cx_result pass "readme: the reference names every function of the extension"
else
	echo "  not in README.md: $(echo $unnamed)"
	cx_result fail "readme: the reference names every function of the extension"
fi

PSQL=$PG_BINDIR/psql python3 - README.md "$workdir" "${CXSAT_README_BLESS:-0}" >"$workdir/results" <<'PY'
import os, re, subprocess, sys

readme, workdir, bless = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
lines = open(readme, encoding='utf-8').read().split('\n')

# fenced blocks: (info string, first content line, end line exclusive)
blocks = []
i = 0
while i < len(lines):
	m = re.match(r'^```(\S*)\s*$', lines[i])
	if m:
		j = i + 1
		while j < len(lines) and lines[j].rstrip() != '```':
			j += 1
		blocks.append((m.group(1), i + 1, j))
		i = j + 1
	else:
		i += 1

def norm(text):
	out = [l.rstrip() for l in text.split('\n')]
	while out and out[-1] == '':
		out.pop()
	while out and out[0] == '':
		out.pop(0)
	return out

replacements = []
for k, (info, start, end) in enumerate(blocks):
	if info != 'sql':
		continue
	sql = '\n'.join(lines[start:end]) + '\n'
	title = next((l.strip() for l in lines[start:end] if l.strip() and not l.strip().startswith('--')), '')
	name = 'readme block at line %d: %s' % (start, title[:60])
	nxt = blocks[k + 1] if k + 1 < len(blocks) else None
	between = lines[end + 1:nxt[1] - 1] if nxt else []
	if nxt is None or nxt[0] != 'text' or any(l.strip() for l in between):
		print('fail %s (no ```text output block right after it)' % name)
		continue
	path = os.path.join(workdir, 'block%03d.sql' % start)
	with open(path, 'w', encoding='utf-8') as f:
		f.write(sql)
	run = subprocess.run([os.environ['PSQL'], '-X', '-f', path],
						 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
						 encoding='utf-8', timeout=300)
	# psql names the file and line of an error; the README shows the message
	got = norm(re.sub(r'(?m)^psql:[^:\n]*:\d+: ', '', run.stdout))
	want = norm('\n'.join(lines[nxt[1]:nxt[2]]))
	if got == want:
		print('pass %s' % name)
	elif bless:
		replacements.append((nxt[1], nxt[2], got))
		print('pass %s (blessed)' % name)
	else:
		print('fail %s' % name)
		sys.stderr.write('--- README shows (line %d)\n%s\n--- the query printed\n%s\n'
						 % (nxt[1] + 1, '\n'.join(want), '\n'.join(got)))

if bless and replacements:
	for s, e, got in reversed(replacements):
		lines[s:e] = got
	open(readme, 'w', encoding='utf-8').write('\n'.join(lines))
PY
status=$?
while read -r outcome name; do
	cx_result "$outcome" "$name"
done <"$workdir/results"
blocks=$(grep -c '' "$workdir/results")
passed=$(grep -c '^pass' "$workdir/results")
echo "readme: $passed of $blocks SQL blocks print what the README shows"
if [ "$status" -ne 0 ] || [ "$blocks" = 0 ]; then
	cx_result fail "readme: the block runner finished (exit status $status, $blocks blocks)"
fi
exit 0
