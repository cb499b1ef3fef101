#!/usr/bin/env bash
# Security:
#  - static checks of the install script (no SECURITY DEFINER, no CREATE OR
#    REPLACE, everything qualified) and of the C sources (no file, network,
#    settings or SQL access; nothing that takes the server down);
#  - cxsat is a trusted extension: a role with nothing but CREATE on the
#    database installs it, uses it and drops it; a role without CREATE
#    cannot install it;
#  - a hostile schema: an unprivileged role plants decoy operators,
#    functions, aggregates and types named like built-ins in a schema that
#    victims put before pg_catalog and in the schema cxsat is installed
#    into.  Installing and using cxsat with that search_path gives the same
#    results as a clean one and calls no decoy (each raises);
#  - an object planted under the name of one of cxsat's makes the install
#    fail rather than be replaced, and stays the planter's;
#  - the installed functions are neither SECURITY DEFINER nor carry
#    settings, are all C, and are all non-volatile and parallel safe.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

# ---------------------------------------------------------------- static
make -s sql/cxsat--0.1.0.sql sql/cxsat--0.1.0--0.2.0.sql >/dev/null 2>&1
for checker in "check_install_script.py sql/cxsat--0.1.0.sql" \
	"check_install_script.py --update sql/cxsat--0.1.0.sql sql/cxsat--0.1.0--0.2.0.sql" "check_sources.py src"; do
	# shellcheck disable=SC2086
	while IFS= read -r line; do
		case "$line" in
			"ok - "*) cx_result pass "security: ${line#ok - }" ;;
			"FAIL - "*) cx_result fail "security: ${line#FAIL - }" ;;
			*) echo "$line" ;;
		esac
	done < <(python3 test/hostile/$checker 2>&1)
done

# the update rules catch what they are for: a bad update script fails each
bad=$(python3 test/hostile/check_install_script.py --update sql/cxsat--0.1.0.sql test/hostile/bad_update.sql 2>&1)
caught=0
for rule in "CREATE OR REPLACE only" "only objects named" "ALTER, CREATE SCHEMA/CAST and GRANT only" \
	"every type, function and operator reference" "no DROP or RENAME" "no ALTER of an existing type's storage"; do
	grep -q "^FAIL - update script: .*$rule" <<<"$bad" && caught=$((caught + 1))
done
if [ "$caught" = 6 ]; then
	cx_result pass "security: the update-script checker rejects test/hostile/bad_update.sql under each of its 6 rules"
else
	echo "$bad"
	cx_result fail "security: the update-script checker caught $caught of 6 broken rules in bad_update.sql"
fi

# ---------------------------------------------------------------- server
cx_start_server contrib_regression || { cx_result fail "security: server starts"; exit 0; }
trap 'cx_stop_server' EXIT
db=security
"$PG_BINDIR/createdb" "$db"
as() { local role=$1; shift; cx_psql -d "$db" -At -U "$role" "$@"; }
# SQLSTATE of the first error a psql run reports ("" if none)
state_of() { grep -oE 'ERROR: +[0-9A-Z]{5}' | head -1 | awk '{print $2}'; }

as postgres -c "
CREATE ROLE alice LOGIN;		-- may create in the database: installs cxsat
CREATE ROLE mallory LOGIN;		-- plants decoys
CREATE ROLE bob LOGIN;			-- plain user
GRANT CREATE ON DATABASE $db TO alice;
CREATE SCHEMA evil AUTHORIZATION mallory;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
CREATE SCHEMA shared AUTHORIZATION alice;
CREATE SCHEMA trap AUTHORIZATION alice;
-- the hostile part: mallory may create objects where cxsat will live
GRANT USAGE, CREATE ON SCHEMA shared, trap TO mallory;
GRANT USAGE ON SCHEMA shared TO bob;"

trusted=$(as postgres -c "SELECT bool_and(trusted) FROM pg_available_extension_versions WHERE name = 'cxsat'")
if [ "$trusted" = t ]; then cx_result pass "security: cxsat is a trusted extension"
else cx_result fail "security: cxsat is not marked trusted ($trusted)"; fi

st=$(as bob -c "CREATE EXTENSION cxsat" 2>&1 -v VERBOSITY=verbose -c '\set VERBOSITY verbose' | state_of)
if [ "$st" = 42501 ]; then cx_result pass "security: a role without CREATE on the database cannot install cxsat (42501)"
else cx_result fail "security: bob's CREATE EXTENSION gave '${st:-success}', not 42501"; fi

# ---------------------------------------------------------------- planted name
as mallory -c "CREATE FUNCTION trap.nps_agg(pg_catalog.int2) RETURNS pg_catalog.int4
	LANGUAGE sql AS 'SELECT 42'"
out=$(as alice -c '\set VERBOSITY verbose' -c "CREATE EXTENSION cxsat SCHEMA trap" 2>&1)
st=$(state_of <<<"$out")
owner=$(as postgres -c "SELECT pg_get_userbyid(proowner) || ':' || prosrc FROM pg_proc
	WHERE pronamespace = 'trap'::regnamespace AND proname = 'nps_agg'")
left=$(as postgres -c "SELECT count(*) FROM pg_extension WHERE extname = 'cxsat'")
if [ "$st" = 42723 ] && [ "$owner" = "mallory:SELECT 42" ] && [ "$left" = 0 ]; then
	cx_result pass "security: an object planted under a cxsat name makes the install fail (42723), not replaced"
else
	echo "$out"
	cx_result fail "security: planted nps_agg: install gave '${st:-success}', function now '$owner'"
fi

# ---------------------------------------------------------------- decoys
if ! as mallory -f test/hostile/decoys.sql; then
	cx_result fail "security: decoys planted"
fi
decoys=$(as postgres -c "SELECT count(*) FROM pg_proc WHERE proowner = 'mallory'::regrole")
hostile_path="SET search_path = evil, pg_catalog, shared"
# the decoys are live: an unqualified operator or aggregate reaches them
live=0
as bob -c "$hostile_path" -c "SELECT 1 = 1" >/dev/null 2>&1 || live=$((live + 1))
as bob -c "$hostile_path" -c "SELECT count(x) FROM (VALUES (1)) v(x)" >/dev/null 2>&1 || live=$((live + 1))
as bob -c "SET search_path = shared, pg_catalog" -c "SELECT lower('A')" >/dev/null 2>&1 || live=$((live + 1))
if [ $live = 3 ]; then cx_result pass "security: $decoys decoys planted, and they catch unqualified calls"
else cx_result fail "security: only $live of 3 probes reached a decoy"; fi

out=$(as alice -c "$hostile_path" -c "CREATE EXTENSION cxsat SCHEMA shared" 2>&1)
if [ $? -eq 0 ]; then
	cx_result pass "security: alice (CREATE on the database only) installs cxsat with $decoys decoys on her search_path, before pg_catalog"
else
	echo "$out"
	cx_result fail "security: install with a hostile search_path failed"
fi
owner=$(as postgres -c "SELECT pg_get_userbyid(extowner) FROM pg_extension WHERE extname = 'cxsat'")
[ "$owner" = alice ] && cx_result pass "security: the extension is owned by the role that installed it" ||
	cx_result fail "security: extension owner is '$owner'"

# Catalog facts about every function the extension installed.
read -r nfunc secdef config notc volatile unsafe < <(as postgres -F' ' -c "
SELECT count(*), count(*) FILTER (WHERE p.prosecdef), count(*) FILTER (WHERE p.proconfig IS NOT NULL),
	   count(*) FILTER (WHERE l.lanname NOT IN ('c', 'internal') AND p.prokind <> 'a'),
	   count(*) FILTER (WHERE p.provolatile = 'v'), count(*) FILTER (WHERE p.proparallel <> 's')
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxsat')")
if [ "${nfunc:-0}" -gt 50 ] && [ "$secdef" = 0 ] && [ "$config" = 0 ]; then
	cx_result pass "security: none of the $nfunc installed functions is SECURITY DEFINER or sets a parameter"
else
	cx_result fail "security: of $nfunc functions, $secdef SECURITY DEFINER, $config with settings"
fi
if [ "$notc" = 0 ] && [ "$volatile" = 0 ] && [ "$unsafe" = 0 ]; then
	cx_result pass "security: every installed function is C, non-volatile and parallel safe (no body resolved at run time)"
else
	cx_result fail "security: $notc non-C, $volatile volatile, $unsafe parallel-unsafe functions"
fi

# Use cxsat as bob, once with a clean search_path and once with the hostile
# one.  The queries qualify every built-in they use themselves; what must
# not reach a decoy is what cxsat does internally: type input and output,
# aggregate initial states, transition, combine and final functions,
# sorting, grouping, DISTINCT and indexes through the operator classes.
workload="
CREATE TEMP TABLE w AS
SELECT g, CASE WHEN g OPERATOR(pg_catalog.%) 3 OPERATOR(pg_catalog.=) 0 THEN shared.feedback('nps', (g OPERATOR(pg_catalog.%) 11)::pg_catalog.int4)
				 WHEN g OPERATOR(pg_catalog.%) 3 OPERATOR(pg_catalog.=) 1 THEN shared.feedback('csat', (g OPERATOR(pg_catalog.%) 5 OPERATOR(pg_catalog.+) 1)::pg_catalog.int4)
				 ELSE shared.feedback('ces', (g OPERATOR(pg_catalog.%) 7 OPERATOR(pg_catalog.+) 1)::pg_catalog.int4) END AS fb,
	   (g OPERATOR(pg_catalog.%) 11)::pg_catalog.int4 AS score
FROM pg_catalog.generate_series(1, 3000) g;
CREATE INDEX ON w (fb);
SET enable_seqscan = off;
SELECT shared.nps_agg(fb)::pg_catalog.text, shared.csat_agg(fb)::pg_catalog.text, shared.ces_agg(fb)::pg_catalog.text,
	   shared.nps_agg(score)::pg_catalog.text, shared.feedback_agg(fb)::pg_catalog.text FROM w;
SELECT shared.nps(s)::pg_catalog.text, shared.csat(s)::pg_catalog.text, shared.responses(s)::pg_catalog.text, s::pg_catalog.text
FROM (SELECT shared.merge(shared.feedback_agg(fb), '{\"nps\":[1,0,0,0,0,0,0,0,0,0,0]}') AS s FROM w) x;
SELECT fb::pg_catalog.text FROM w ORDER BY fb LIMIT 3;
SELECT fb::pg_catalog.text FROM (SELECT DISTINCT fb FROM w) d ORDER BY fb;
SELECT s::pg_catalog.text FROM (SELECT shared.feedback_agg(fb) AS s FROM w GROUP BY g OPERATOR(pg_catalog.%) 4) x
GROUP BY s ORDER BY 1;
SELECT shared.feedback_agg(s)::pg_catalog.text FROM (SELECT shared.feedback_agg(fb) AS s FROM w GROUP BY g OPERATOR(pg_catalog.%) 10) x;
SELECT 'metric=nps scale=10 positive=1 neutral=0 negative=0 score_sum=9'::shared.feedback_tally::pg_catalog.text;
SELECT shared.nps_agg(fb) OVER (ORDER BY g ROWS 5 PRECEDING)::pg_catalog.text FROM w ORDER BY g LIMIT 3;"
clean=$(as bob -c "SET search_path = pg_catalog, shared" -c "$workload" 2>&1)
clean_status=$?
hostile=$(as bob -c "$hostile_path" -c "$workload" 2>&1)
hostile_status=$?
if [ $clean_status -eq 0 ] && [ $hostile_status -eq 0 ] && [ "$clean" = "$hostile" ] &&
	[ "$(wc -l <<<"$clean")" -gt 15 ]; then
	cx_result pass "security: with decoys before pg_catalog, cxsat's types, aggregates, operators and indexes give the clean results and call no decoy"
else
	diff <(echo "$clean") <(echo "$hostile") | head -20
	echo "$hostile" | grep -E "ERROR|decoy" | head -5
	cx_result fail "security: results differ or a decoy was called under the hostile search_path"
fi

# ---------------------------------------------------------------- drop
as alice -c "CREATE TABLE shared.alice_data AS SELECT 'nps:9'::shared.feedback AS fb"
st=$(as alice -c '\set VERBOSITY verbose' -c "DROP EXTENSION cxsat" 2>&1 | state_of)
if [ "$st" = 2BP01 ]; then
	cx_result pass "security: DROP EXTENSION refuses while alice's table uses its type (2BP01)"
else
	cx_result fail "security: DROP EXTENSION with a dependent table gave '${st:-success}'"
fi
if as alice -c "DROP TABLE shared.alice_data" -c "DROP EXTENSION cxsat" >/dev/null 2>&1; then
	left=$(as postgres -c "SELECT count(*) FROM pg_type WHERE typnamespace = 'shared'::regnamespace AND typname LIKE 'feedback%'")
	if [ "$left" = 0 ]; then cx_result pass "security: alice drops the extension; its types are gone"
	else cx_result fail "security: $left cxsat types left after DROP EXTENSION"; fi
else
	cx_result fail "security: alice cannot drop the extension she installed"
fi
decoys_after=$(as postgres -c "SELECT count(*) FROM pg_proc WHERE proowner = 'mallory'::regrole")
if [ "$decoys_after" = "$decoys" ]; then
	cx_result pass "security: mallory's $decoys decoys are untouched by install and drop"
else
	cx_result fail "security: mallory owned $decoys functions, now $decoys_after"
fi
exit 0
