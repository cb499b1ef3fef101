#!/usr/bin/env bash
# Hostile input at SQL level, on one server that must never restart:
#  - a generated set of malformed, truncated and over-long texts for
#    feedback, feedback_tally and feedback_summary, each cast by the type's
#    input function: every one fails with the SQLSTATE an independent
#    reading of the grammar predicts (or, for a mutant that is still valid,
#    prints as predicted), and no error message grows with its input;
#  - hand-crafted COPY ... (FORMAT binary) files: each malformed one fails
#    with its expected SQLSTATE, each valid one loads the expected values;
#  - summaries, tallies and feedback written with COPY TO (FORMAT binary)
#    read back equal;
#  - pg_postmaster_start_time() is the same before and after, and the
#    server log shows no crashed backend.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

work=$(cx_mktemp_dir hostile)
trap 'cx_stop_server; rm -rf "$work"' EXIT

cx_start_server contrib_regression || { cx_result fail "hostile: server starts"; exit 0; }
db=hostile
"$PG_BINDIR/createdb" "$db"
q() { cx_psql -d "$db" -At "$@"; }
q -c "CREATE EXTENSION cxsat" || { cx_result fail "hostile: CREATE EXTENSION"; exit 0; }
started=$(q -c "SELECT pg_postmaster_start_time()")

# ---------------------------------------------------------------- text
python3 test/hostile/gen_text.py "$work/text.tsv"
if out=$(q -f test/hostile/text.sql <"$work/text.tsv" 2>&1); then
	summary=$(sed -n '/^SUMMARY$/,/^MISMATCHES$/p' <<<"$out" | sed '1d;$d')
	mismatches=$(sed -n '/^MISMATCHES$/,/^LONGEST_MESSAGE$/p' <<<"$out" | sed '1d;$d')
	longest=$(sed -n '/^LONGEST_MESSAGE$/{n;p}' <<<"$out")
	for typ in feedback feedback_tally feedback_summary; do
		# typ|class|inputs|as expected|errors
		read -r inputs good errors < <(awk -F'|' -v t="$typ" \
			'$1 == t { n += $3; g += $4; e += $5 } END { print n + 0, g + 0, e + 0 }' <<<"$summary")
		if [ "$inputs" -gt 0 ] && [ "$good" -eq "$inputs" ]; then
			cx_result pass "hostile: $typ: $inputs generated texts, $errors errors, each SQLSTATE and value as predicted"
		else
			cx_result fail "hostile: $typ: $((inputs - good)) of $inputs generated texts not as predicted"
		fi
		# the issue asks for at least 10,000 bad inputs per type of interest
		if [ "$typ" != feedback_tally ]; then
			if [ "$errors" -ge 10000 ]; then
				cx_result pass "hostile: $typ: at least 10000 malformed inputs ($errors)"
			else
				cx_result fail "hostile: $typ: only $errors malformed inputs"
			fi
		fi
	done
	[ -n "$mismatches" ] && { echo "first mismatches (id|type|class|expected|got|value or message|input):"; echo "$mismatches"; }
	while IFS='|' read -r typ class n g e; do
		printf '   %-17s %-20s %6d inputs %6d as predicted %6d errors\n' "$typ" "$class" "$n" "$g" "$e"
	done <<<"$summary"
	# error messages quote a bounded prefix of the input (1 MB inputs included)
	if [ -n "$longest" ] && [ "$longest" -le 400 ]; then
		cx_result pass "hostile: longest error message is $longest characters (1 MB inputs quoted in part)"
	else
		cx_result fail "hostile: an error message is ${longest:-?} characters long"
	fi
else
	echo "$out" | tail -20
	cx_result fail "hostile: text inputs: the session failed"
fi

# ---------------------------------------------------------------- binary COPY
python3 test/hostile/gen_binary.py "$work/bin"
q -c "CREATE TABLE hb_feedback (f feedback); CREATE TABLE hb_tally (t feedback_tally);
	  CREATE TABLE hb_summary (s feedback_summary)"
declare -A column=([hb_feedback]=f [hb_tally]=t [hb_summary]=s)
while IFS=$'\t' read -r name table expect what rows; do
	col=${column[$table]}
	# each file in its own transaction, rolled back, so the tables stay empty
	out=$(q -v VERBOSITY=verbose -c '\set VERBOSITY verbose' -c "BEGIN" \
		-c "\\copy $table FROM '$work/bin/$name.bin' (FORMAT binary)" \
		-c "SELECT string_agg(coalesce($col::text, 'NULL'), ' ; ' ORDER BY ctid) FROM $table" \
		-c "ROLLBACK" 2>&1)
	got=$(grep -oE 'ERROR: +[0-9A-Z]{5}' <<<"$out" | head -1 | awk '{print $2}')
	msg=$(grep -oE 'ERROR: +[0-9A-Z]{5}: .*' <<<"$out" | head -1 | sed -E 's/^ERROR: +[0-9A-Z]{5}: //')
	if [ "$expect" = ok ]; then
		loaded=$(grep -v -E '^(BEGIN|ROLLBACK|COPY [0-9]+)$' <<<"$out" | tail -1)
		if [ -z "$got" ] && [ "$loaded" = "$rows" ]; then
			cx_result pass "hostile: binary COPY $name ($what) loads as expected"
		else
			echo "$out"
			cx_result fail "hostile: binary COPY $name ($what): got ${got:-no error}, rows '$loaded'"
		fi
	elif [ "$got" = "$expect" ]; then
		cx_result pass "hostile: binary COPY $name ($what): $got $msg"
	else
		echo "$out"
		cx_result fail "hostile: binary COPY $name ($what): expected $expect, got ${got:-no error}"
	fi
done <"$work/bin/manifest.tsv"

# ---------------------------------------------------------------- round trip
# every kind of value the types hold, out with COPY TO (FORMAT binary) and
# back in: each row must read back equal (= on the type and the text form)
q -c "
CREATE TABLE rt_src AS
SELECT g AS id, s, ws,
	   format('metric=nps scale=10 positive=%s neutral=%s negative=%s score_sum=%s',
			  g, 2 * g, 3 * g, 23 * g)::feedback_tally AS t,
	   fb
FROM (SELECT g, feedback_agg(fb) AS s,
			 feedback_agg(fb, CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 7) * 0.37 END) AS ws,
			 (array_agg(fb ORDER BY i))[1] AS fb
	  FROM (SELECT g, i,
				   CASE i % 5 WHEN 0 THEN feedback('nps', (g * 7 + i) % 11)
							  WHEN 1 THEN feedback('csat', (g + i) % 5 + 1)
							  WHEN 2 THEN feedback('csat', (g * i) % 10 + 1, 10)
							  WHEN 3 THEN feedback('ces', (g + 3 * i) % 7 + 1)
							  ELSE feedback('csat', i % 2 + 1, 2) END AS fb
			FROM generate_series(1, 200) g, generate_series(1, g % 37 + 1) i) r
	  GROUP BY g) a;
INSERT INTO rt_src VALUES (0, '{}', '{}', 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0', NULL),
	(-1, '{\"nps\":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', NULL, NULL, 'ces:5/5');
CREATE TABLE rt_dst (LIKE rt_src);"
q -c "\\copy rt_src TO '$work/rt.bin' (FORMAT binary)"
q -c "\\copy rt_dst FROM '$work/rt.bin' (FORMAT binary)"
read -r n same_s same_ws same_t same_fb same_text < <(q -F' ' -c "
SELECT count(*),
	   count(*) FILTER (WHERE a.s IS NOT DISTINCT FROM b.s),
	   count(*) FILTER (WHERE a.ws IS NOT DISTINCT FROM b.ws),
	   count(*) FILTER (WHERE a.t::text IS NOT DISTINCT FROM b.t::text),
	   count(*) FILTER (WHERE a.fb IS NOT DISTINCT FROM b.fb),
	   count(*) FILTER (WHERE (a.s::text, a.ws::text, a.fb::text) IS NOT DISTINCT FROM (b.s::text, b.ws::text, b.fb::text))
FROM rt_src a JOIN rt_dst b USING (id)")
src_rows=$(q -c "SELECT count(*) FROM rt_src")
weighted=$(q -c "SELECT count(*) FROM rt_src WHERE is_weighted(ws)")
if [ "$n" = "$src_rows" ] && [ "$n" -gt 200 ] && [ "$weighted" -gt 100 ] &&
	[ "$same_s" = "$n" ] && [ "$same_ws" = "$n" ] && [ "$same_t" = "$n" ] &&
	[ "$same_fb" = "$n" ] && [ "$same_text" = "$n" ]; then
	cx_result pass "hostile: $n rows of summaries ($weighted weighted), tallies and feedback read back equal after binary COPY"
else
	cx_result fail "hostile: binary COPY round trip: of $n/$src_rows rows, equal s $same_s, ws $same_ws, t $same_t, fb $same_fb, text $same_text"
fi

# ---------------------------------------------------------------- the server
now=$(q -c "SELECT pg_postmaster_start_time()")
if [ -n "$started" ] && [ "$now" = "$started" ]; then
	cx_result pass "hostile: server never restarted (pg_postmaster_start_time unchanged)"
else
	cx_result fail "hostile: server restarted: $started -> $now"
fi
if grep -qE 'terminated by signal|was terminated|server process .* exited with exit code [^0]' "$CX_PGDIR/server.log"; then
	grep -E 'terminated by signal|was terminated|exited with exit code' "$CX_PGDIR/server.log" | head
	cx_result fail "hostile: a backend crashed (server log)"
else
	cx_result pass "hostile: no backend crashed (server log)"
fi
exit 0
