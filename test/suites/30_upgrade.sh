#!/usr/bin/env bash
# Upgrades and the stored-data promise, on the server PG_CONFIG names (any
# major from 14; make test runs it on 15, the version matrix on each):
#
#  upgrade   a database made with 0.1.0 (feedback and feedback_summary
#            columns, a btree index on feedback, a daily materialized view of
#            summaries with a unique index, a view over nps_agg, stored
#            feedback_tally values, a user aggregate over 0.1.0 functions)
#            goes through ALTER EXTENSION cxsat UPDATE: every stored value
#            reads back identical (text and binary), the index is still
#            used and returns what a sequential scan returns, the views work
#            and refresh (concurrently too, rewriting no row), the objects
#            the update script creates exist and are the only new members,
#            extversion is 0.2.0, and dump -> restore -> dump is identical;
#  catalogs  a fresh 0.2.0 install and the upgraded one have the same
#            objects with the same properties (test/upgrade/catalog.sql);
#  samples   the committed values 0.1.0 wrote (test/data/v0.1.0) read back
#            as recorded and are written again as the same bytes, in COPY
#            text and binary form and on disk (a heap page of 0.1.0's).
#
# The objects 0.2.0 adds are not listed here: they are read from the update
# script (test/upgrade/script_objects.py), which other work keeps adding to.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
work=$(cx_mktemp_dir upgrade)
trap 'cx_stop_server; rm -rf "$work"' EXIT
started=$SECONDS

script=sql/cxsat--0.1.0--0.2.0.sql
make -s PG_CONFIG="$PG_CONFIG" "$script" >/dev/null 2>&1
# pg_cron is not needed here (a later line overrides lib.sh's preload), so this
# suite runs on a major for which pg_cron is not built
cx_start_server contrib_regression "shared_preload_libraries = ''" ||
	{ cx_result fail "upgrade: server starts"; exit 0; }
for db in cx_up cx_fresh cx_restored cx_samples; do
	"$PG_BINDIR/createdb" "$db" || { cx_result fail "upgrade: database $db created"; exit 0; }
done
q() { local db=$1; shift; cx_psql -d "$db" -At "$@"; }

# ---------------------------------------------------------------- 0.1.0 data
q cx_up -c "CREATE EXTENSION cxsat VERSION '0.1.0'" -f test/upgrade/data.sql ||
	{ cx_result fail "upgrade: 0.1.0 database loaded"; exit 0; }

# Every stored value and every query answer the update must not change.
# Text forms in order with their md5, the binary wire form of each column.
fingerprint() { q "$1" -f test/upgrade/fingerprint.sql; }
# The same rows through COPY ... (FORMAT binary), as files
copy_binary() {
	local db=$1 tag=$2 t
	for t in "responses ORDER BY id" "rollup ORDER BY month, segment" "tallies ORDER BY id" \
		"daily ORDER BY day, segment"; do
		q "$db" -c "\\copy (SELECT * FROM $t) TO '$work/$tag.${t%% *}.bin' (FORMAT binary)"
	done
	(cd "$work" && md5sum "$tag".*.bin | sed "s/ $tag\./ /")
}
# Index lookups: equality on the mixed-metric index, ORDER BY through it,
# range conditions on the one-metric index.  One line per query.
index_queries() { q "$1" -f test/upgrade/index_queries.sql; }
# lookups of every stored summary through the 0.1.0 hash index
hash_lookups() {
	q "$1" -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = on" -c "
SELECT count(*), count(*) FILTER (WHERE (SELECT count(*) FROM rollup r2 WHERE r2.s = r.s) >= 1)
FROM rollup r"
}
plan_of() { q "$1" -c "EXPLAIN (COSTS OFF) $2"; }

fingerprint cx_up >"$work/before.txt"
copy_binary cx_up before >"$work/before.md5"
index_queries cx_up >"$work/idx-before.txt" ||
	cx_result fail "upgrade: index queries run on 0.1.0"
q cx_up -c "SELECT classid::regclass, objid FROM pg_depend
	WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxsat')" >"$work/members-0.1.0.txt"
q cx_up -c "CREATE TABLE cx_members_010 (classid regclass, objid oid)" \
	-c "\\copy cx_members_010 FROM '$work/members-0.1.0.txt' (DELIMITER '|')"
# the ctid of every matview row, to see that REFRESH CONCURRENTLY rewrites none
q cx_up -c "CREATE TABLE daily_ctid AS SELECT day, segment, ctid::text AS tid FROM daily"
ver=$(q cx_up -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")
cx_check "upgrade: 0.1.0 installed (CREATE EXTENSION cxsat VERSION '0.1.0')" test "$ver" = 0.1.0

# ---------------------------------------------------------------- the update
if out=$(q cx_up -c "ALTER EXTENSION cxsat UPDATE" 2>&1); then
	cx_result pass "upgrade: ALTER EXTENSION cxsat UPDATE succeeds"
else
	echo "$out"
	cx_result fail "upgrade: ALTER EXTENSION cxsat UPDATE: $(head -1 <<<"$out")"
	exit 0
fi
ver=$(q cx_up -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")
cx_check "upgrade: extversion is 0.2.0 after the update" test "$ver" = 0.2.0

fingerprint cx_up >"$work/after.txt"
if diff "$work/before.txt" "$work/after.txt" && [ "$(grep -c '|' "$work/before.txt")" -eq 7 ]; then
	cx_result pass "upgrade: stored values, view and metrics read back identical (text and send forms, 7 fingerprints)"
else
	cx_result fail "upgrade: stored values differ after the update"
fi
copy_binary cx_up after >"$work/after.md5"
if diff "$work/before.md5" "$work/after.md5" && [ "$(wc -l <"$work/after.md5")" -eq 4 ]; then
	cx_result pass "upgrade: COPY (FORMAT binary) of 4 relations byte-identical before and after"
else
	cx_result fail "upgrade: COPY (FORMAT binary) output changed"
fi

# ---------------------------------------------------------------- the index
if index_queries cx_up >"$work/idx-after.txt" && [ "$(wc -l <"$work/idx-after.txt")" -eq 7 ] &&
	diff "$work/idx-before.txt" "$work/idx-after.txt"; then
	cx_result pass "upgrade: index lookups (equality, ORDER BY, range, first/last) and hash partition routing and pruning answer as before the update"
else
	cx_result fail "upgrade: index lookups answer otherwise after the update"
fi
eq_plan=$(plan_of cx_up "SELECT id FROM responses WHERE fb = 'ces:7/7'")
order_plan=$(plan_of cx_up "SELECT fb, id FROM responses WHERE fb IS NOT NULL ORDER BY fb LIMIT 10")
if grep -q 'responses_fb' <<<"$eq_plan" && grep -q 'Index.*responses_fb' <<<"$order_plan"; then
	cx_result pass "upgrade: the planner still uses the 0.1.0 btree index (equality and ORDER BY)"
else
	echo "$eq_plan"; echo "$order_plan"
	cx_result fail "upgrade: the 0.1.0 index is not used after the update"
fi
# the hash index on summaries: the plan uses it, and each row finds itself
hash_plan=$(q cx_up -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT count(*) FROM rollup
	WHERE s = '{\"nps\":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'")
read -r rows found < <(hash_lookups cx_up | tr '|' ' ')
if grep -q rollup_s_hash <<<"$hash_plan" && [ "${rows:-0}" -ge 8 ] && [ "$found" = "$rows" ]; then
	cx_result pass "upgrade: the 0.1.0 hash index on feedback_summary finds each of $rows stored summaries"
else
	echo "$hash_plan"
	cx_result fail "upgrade: hash index on feedback_summary after the update: $found of $rows found"
fi
# a row inserted now goes to the partition the old rows of its value are in
routed=$(q cx_up -c "INSERT INTO by_hash VALUES (-1, 'nps:9'), (-2, 'ces:7/7'), (-3, 'csat:4/10'), (-4, 'nps:0')" -c "
	SELECT count(*), count(*) FILTER (WHERE n.tableoid = ANY (
		SELECT o.tableoid FROM by_hash o WHERE o.fb = n.fb AND o.id > 0))
	FROM by_hash n WHERE n.id < 0")
cx_check "upgrade: new rows are routed to the hash partitions of the equal 0.1.0 rows (4 of 4)" test "$routed" = "4|4"
q cx_up -c "DELETE FROM by_hash WHERE id < 0"

# rows added by the new code land in the old index where the old rows are
q cx_up -c "INSERT INTO responses SELECT 100000 + g, date '2024-03-01', 'late',
	(ARRAY['nps:9', 'csat:3/10', 'csat:5/5', 'ces:1/7', 'ces:7/7', 'nps:0']::feedback[])[1 + g % 6], 1
	FROM generate_series(1, 600) g" -c "ANALYZE responses"
by_index=$(q cx_up -c "SET enable_seqscan = off" -c "SELECT fb, count(*), sum(id) FROM responses
	WHERE fb IN ('nps:9', 'csat:3/10', 'csat:5/5', 'ces:1/7', 'ces:7/7', 'nps:0') GROUP BY fb ORDER BY fb")
by_seq=$(q cx_up -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" \
	-c "SELECT fb, count(*), sum(id) FROM responses
	WHERE fb IN ('nps:9', 'csat:3/10', 'csat:5/5', 'ces:1/7', 'ces:7/7', 'nps:0') GROUP BY fb ORDER BY fb")
idx_plan=$(plan_of cx_up "SELECT count(*) FROM responses WHERE fb IN ('nps:9', 'ces:7/7')")
sorted_idx=$(q cx_up -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" \
	-c "SELECT md5(string_agg(id::text, ',')) FROM (SELECT id FROM responses ORDER BY fb, id) x")
sorted_seq=$(q cx_up -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" \
	-c "SELECT md5(string_agg(id::text, ',')) FROM (SELECT id FROM responses ORDER BY fb, id) x")
if [ -n "$by_index" ] && [ "$by_index" = "$by_seq" ] && [ "$sorted_idx" = "$sorted_seq" ] &&
	[ "$(wc -l <<<"$by_index")" -eq 6 ] && grep -q responses_fb <<<"$idx_plan"; then
	cx_result pass "upgrade: index and sequential scan return the same rows, 600 rows added after the update included"
else
	printf '%s\n--\n%s\n' "$by_index" "$by_seq"
	cx_result fail "upgrade: index scan and sequential scan disagree after the update"
fi
if q cx_up -c "SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'" | grep -q 1; then
	if out=$(q cx_up -c "CREATE EXTENSION IF NOT EXISTS amcheck" \
		-c "SELECT bt_index_check('responses_fb', true), bt_index_check('nps_only_fb', true)" 2>&1); then
		cx_result pass "upgrade: amcheck finds the btree indexes consistent with the heap"
	else
		echo "$out"; cx_result fail "upgrade: amcheck: $(head -1 <<<"$out")"
	fi
	q cx_up -c "DROP EXTENSION amcheck"
else
	echo "   (amcheck is not installed for this server: index structure not checked)"
fi

# ---------------------------------------------------------------- the views
out=$(q cx_up <<'SQL' 2>&1
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
-- nothing changed where the old rows were: no row rewritten
SELECT 'kept', count(*) = count(*) FILTER (WHERE d.ctid::text = b.tid), count(*)
FROM daily d JOIN daily_ctid b USING (day, segment);
SELECT 'new', count(*) FROM daily WHERE segment = 'late';
REFRESH MATERIALIZED VIEW daily;
SELECT 'plain', count(*) = 0 FROM (SELECT day, segment, s, nps FROM daily
	EXCEPT SELECT day, segment, feedback_agg(fb), nps(feedback_agg(fb)) FROM responses GROUP BY 1, 2) x;
SELECT 'view', count(*) FROM segment_metrics;
SELECT 'view-late', nps = (SELECT 100.0 * (count(*) FILTER (WHERE score(fb) >= 9)
							- count(*) FILTER (WHERE score(fb) <= 6)) / count(*)
						 FROM responses WHERE segment = 'late' AND metric(fb) = 'nps')
FROM segment_metrics WHERE segment = 'late';
SELECT 'tally-agg', count(*) FROM (SELECT segment, nps_tally(fb) FROM responses GROUP BY 1) x;
SQL
)
days=$(q cx_up -c "SELECT count(*) FROM daily_ctid")
expect=$(printf 'kept|t|%s\nnew|1\nplain|t\nview|4\nview-late|t\ntally-agg|4' "$days")
if [ "$out" = "$expect" ]; then
	cx_result pass "upgrade: matview refreshes concurrently ($days rows kept in place, 1 new) and plainly; view and user aggregate answer"
else
	printf '%s\n-- expected\n%s\n' "$out" "$expect"
	cx_result fail "upgrade: views after the update"
fi

# ---------------------------------------------------------------- new objects
python3 test/upgrade/script_objects.py "$script" public >"$work/created.sql" ||
	cx_result fail "upgrade: the update script's CREATE statements parse"
q cx_up <<SQL >"$work/created.txt" 2>&1
CREATE TEMP TABLE created AS $(sed 's/;$//' "$work/created.sql");
CREATE TEMP VIEW members AS SELECT classid::regclass, objid FROM pg_depend
	WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxsat');
SELECT 'statements', count(DISTINCT (classid, objid)) FILTER (WHERE NOT replace),
	   count(DISTINCT (classid, objid)) FILTER (WHERE replace) FROM created;
SELECT 'missing', kind, label FROM created c
WHERE objid IS NULL OR NOT EXISTS (SELECT FROM members m WHERE (m.classid, m.objid) = (c.classid, c.objid));
SELECT 'not-new', kind, label FROM created c
WHERE NOT replace AND EXISTS (SELECT FROM cx_members_010 o WHERE (o.classid, o.objid) = (c.classid, c.objid));
SELECT 'replace-of-new', kind, label FROM created c
WHERE replace AND NOT EXISTS (SELECT FROM cx_members_010 o WHERE (o.classid, o.objid) = (c.classid, c.objid));
SELECT 'unexplained', pg_describe_object(m.classid, m.objid, 0) FROM members m
WHERE NOT EXISTS (SELECT FROM cx_members_010 o WHERE (o.classid, o.objid) = (m.classid, m.objid))
  AND NOT EXISTS (SELECT FROM created c WHERE (c.classid, c.objid) = (m.classid, m.objid))
  -- 17 and later record a new type's array type as a member too
  AND NOT EXISTS (SELECT FROM created c JOIN pg_type t ON t.oid = c.objid
				  WHERE c.classid = 'pg_type'::regclass AND m.classid = 'pg_type'::regclass
					AND t.typarray = m.objid);
SELECT 'new-members', count(*) FROM members m
WHERE NOT EXISTS (SELECT FROM cx_members_010 o WHERE (o.classid, o.objid) = (m.classid, m.objid));
SQL
read -r _ ncreate nreplace < <(grep '^statements|' "$work/created.txt" | tr '|' ' ')
nnew=$(sed -n 's/^new-members|//p' "$work/created.txt")
if [ -n "${ncreate:-}" ] && ! grep -qE '^(missing|not-new|replace-of-new|unexplained)\||ERROR' "$work/created.txt"; then
	cx_result pass "upgrade: the update script's objects exist: $ncreate created ($nnew new members), $nreplace replaced, no new member it does not create"
else
	grep -vE '^(statements|new-members)\|' "$work/created.txt" | head -20
	cx_result fail "upgrade: objects of the update script missing or unexplained"
fi

# ---------------------------------------------------------------- dump, restore
"$PG_BINDIR/pg_dump" -Fc -f "$work/up.dump" cx_up 2>"$work/dump.log" &&
	"$PG_BINDIR/pg_restore" --exit-on-error -d cx_restored "$work/up.dump" 2>"$work/restore.log"
status=$?
[ $status -ne 0 ] && cat "$work/dump.log" "$work/restore.log"
cx_check "upgrade: pg_dump -Fc of the upgraded database restores" test $status -eq 0
# the plain dumps of both, less psql's \restrict key (random per dump)
for db in cx_up cx_restored; do
	"$PG_BINDIR/pg_dump" "$db" | grep -vE '^\\(un)?restrict ' >"$work/$db.sql"
done
if [ -s "$work/cx_up.sql" ] && cmp -s "$work/cx_up.sql" "$work/cx_restored.sql"; then
	cx_result pass "upgrade: dump -> restore -> dump is identical ($(wc -l <"$work/cx_up.sql") lines)"
else
	diff "$work/cx_up.sql" "$work/cx_restored.sql" | head -20
	cx_result fail "upgrade: dump of the restored database differs"
fi
fingerprint cx_up >"$work/up-final.txt"
fingerprint cx_restored >"$work/restored.txt"
cx_check "upgrade: restored values identical to the upgraded database's (text and send forms)" \
	diff "$work/up-final.txt" "$work/restored.txt"

# ---------------------------------------------------------------- catalogs
q cx_fresh -c "CREATE EXTENSION cxsat"
q cx_fresh -f test/upgrade/catalog.sql >"$work/fresh.cat" 2>&1
q cx_up -f test/upgrade/catalog.sql >"$work/up.cat" 2>&1
fresh_ver=$(q cx_fresh -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")
if [ "$fresh_ver" = 0.2.0 ] && ! grep -q ERROR "$work/fresh.cat" && diff "$work/fresh.cat" "$work/up.cat"; then
	summary=$(awk -F' [|] ' '{print $1}' "$work/fresh.cat" | sort | uniq -c | sed -E 's/^ *([0-9]+) (.*)/\1 \2/' | paste -sd, - | sed 's/,/, /g')
	cx_result pass "upgrade: fresh 0.2.0 and upgraded 0.1.0 catalogs identical ($summary)"
else
	cx_result fail "upgrade: fresh 0.2.0 (version ${fresh_ver:-?}) and upgraded catalogs differ"
fi

# ---------------------------------------------------------------- samples
# test/data/v0.1.0: what 0.1.0 wrote, read by today's build (see its README)
data=test/data/v0.1.0
q cx_samples -c "CREATE EXTENSION cxsat" -c "
	CREATE TABLE s_feedback (id int4, fb feedback);
	CREATE TABLE s_tally (id int4, t feedback_tally);
	CREATE TABLE s_summary (id int4, s feedback_summary);
	CREATE TABLE s_disk (id int4, fb feedback, t feedback_tally, s feedback_summary);
	CREATE TABLE s_raw (id int4, s feedback_summary);"
for t in feedback tally summary disk raw; do
	what="samples: 0.1.0 $t values ($(wc -l <"$data/$t.txt") rows)"
	q cx_samples -c "CREATE TABLE from_bin (LIKE s_$t)" -c "CREATE TABLE from_txt (LIKE s_$t)"
	if ! out=$(q cx_samples -c "\\copy from_bin FROM '$data/$t.bin' (FORMAT binary)" \
		-c "\\copy from_txt FROM '$data/$t.txt'" \
		-c "\\copy (SELECT * FROM from_bin ORDER BY id) TO '$work/$t.bin-as.txt'" \
		-c "\\copy (SELECT * FROM from_bin ORDER BY id) TO '$work/$t.bin-again.bin' (FORMAT binary)" \
		-c "\\copy (SELECT * FROM from_txt ORDER BY id) TO '$work/$t.txt-as.bin' (FORMAT binary)" 2>&1); then
		echo "$out"
		cx_result fail "$what: COPY FROM failed"
	else
		cx_check "$what: binary COPY reads back as the recorded text" cmp "$data/$t.txt" "$work/$t.bin-as.txt"
		cx_check "$what: written again as the same binary COPY bytes" cmp "$data/$t.bin" "$work/$t.bin-again.bin"
		cx_check "$what: the recorded text reads in as the same binary COPY bytes" \
			cmp "$data/$t.bin" "$work/$t.txt-as.bin"
	fi
	q cx_samples -c "DROP TABLE from_bin, from_txt"
done

# On disk: s_disk and s_raw get 0.1.0's heap files.  feedback_tally and
# the raw summary layouts are stored in native byte order, so the samples
# are for little-endian machines only.
if [ "$(python3 -c 'import sys; print(sys.byteorder)')" = little ]; then
	checksums=$(q cx_samples -c "SHOW data_checksums")
	rel=$(q cx_samples -c "SELECT pg_relation_filepath('s_disk')")
	rel_raw=$(q cx_samples -c "SELECT pg_relation_filepath('s_raw')")
	cx_as_pg "$PG_BINDIR/pg_ctl" -D "$CX_PGDIR/data" -m fast -w -s stop
	# the pages' checksums are cleared: checksums off for this throwaway cluster
	if [ "$checksums" = on ]; then
		cx_as_pg "$PG_BINDIR/pg_checksums" --disable -D "$CX_PGDIR/data" >/dev/null 2>&1 ||
			echo "   pg_checksums --disable failed"
	fi
	cx_as_pg cp "$data/disk.heap" "$CX_PGDIR/data/$rel"
	cx_as_pg cp "$data/raw.heap" "$CX_PGDIR/data/$rel_raw"
	cx_as_pg "$PG_BINDIR/pg_ctl" -D "$CX_PGDIR/data" -l "$CX_PGDIR/server.log" -w -s start
	q cx_samples -c "\\copy (SELECT * FROM s_disk ORDER BY id) TO '$work/disk-heap.txt'" 2>&1
	cx_check "samples: 0.1.0 heap page of feedback, feedback_tally and feedback_summary reads back as recorded" \
		cmp "$data/disk.txt" "$work/disk-heap.txt"
	q cx_samples -c "\\copy (SELECT * FROM s_raw ORDER BY id) TO '$work/raw-heap.txt'" 2>&1
	# the layout byte follows the id and the varlena header (1 byte if its
	# low bit is set, else 4 bytes, int4-aligned)
	layouts=$(awk '{ h = substr($5, 10, 1); f = index("13579bdf", h) ? substr($5, 11, 2) : substr($5, 17, 2); print f }' \
		"$data/raw.tuples" | sort | uniq -c | awk '{printf "%s x%s ", $1, $2}')
	if cmp -s "$data/raw.txt" "$work/raw-heap.txt" && grep -q 'x81' <<<"$layouts" && grep -q 'x82' <<<"$layouts"; then
		cx_result pass "samples: 0.1.0 raw summary layouts stored by a user aggregate (${layouts% }) read back as recorded"
	else
		diff "$data/raw.txt" "$work/raw-heap.txt" | head -5
		cx_result fail "samples: 0.1.0 raw summary layouts (${layouts% }) do not read back as recorded"
	fi
	# the same values, parsed from text by today's build, stored and frozen
	q cx_samples -c "CREATE TABLE s_disk2 (LIKE s_disk)" -c "CREATE TABLE s_raw2 (LIKE s_raw)" \
		-c "\\copy s_disk2 FROM '$data/disk.txt'" -c "\\copy s_raw2 FROM '$data/raw.txt'" \
		-c "VACUUM (FREEZE) s_disk2" -c "CHECKPOINT"
	rel2=$(q cx_samples -c "SELECT pg_relation_filepath('s_disk2')")
	cx_as_pg cat "$CX_PGDIR/data/$rel2" >"$work/disk2.heap"
	python3 "$data/heap_tuples.py" "$work/disk2.heap" >"$work/disk2.tuples"
	if [ -s "$work/disk2.tuples" ] && cmp -s "$data/disk.tuples" "$work/disk2.tuples"; then
		cx_result pass "samples: today's build stores the same $(wc -l <"$work/disk2.tuples") tuples byte for byte as 0.1.0 (heap page)"
	else
		diff "$data/disk.tuples" "$work/disk2.tuples" | head -10
		cx_result fail "samples: today's build stores other on-disk bytes than 0.1.0"
	fi
	# and a value read from an old page equals the one parsed from its text
	same=$(q cx_samples -c "SELECT count(*) FROM s_disk a JOIN s_disk2 b USING (id)
		WHERE a.fb IS NOT DISTINCT FROM b.fb AND a.s IS NOT DISTINCT FROM b.s
		  AND a.t::text IS NOT DISTINCT FROM b.t::text")
	same_raw=$(q cx_samples -c "SELECT count(*) FROM s_raw a JOIN s_raw2 b USING (id) WHERE a.s = b.s
		AND a.s = b.s + '{}' AND nps(a.s) IS NOT DISTINCT FROM nps(b.s)")
	cx_check "samples: every value of the 0.1.0 pages equals today's parse of its text ($same + $same_raw rows)" \
		test "$same" = "$(wc -l <"$data/disk.txt")" -a "$same_raw" = "$(wc -l <"$data/raw.txt")"
else
	echo "   (big-endian machine: the little-endian on-disk samples are not checked)"
fi

echo "   upgrade suite: $((SECONDS - started)) s on PostgreSQL $PG_MAJOR"
exit 0
