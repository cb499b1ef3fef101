-- floor.sql: the benchmark's floor aggregate (see floor/floor.c), loaded from
-- the path in psql variable floor_so, in schema bench.
--
-- bench.byref_floor() has nps_agg's shape: the same 32-byte feedback_tally
-- state and initial value, a STRICT transition function, the same final
-- function; its transition only counts every row as a promoter.  It is the
-- cheapest aggregate a state that size allows, so:
--   byref_floor / count()    what PostgreSQL charges any such aggregate;
--   nps_agg / byref_floor    what the rest of cxsat's per-row work costs.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE FUNCTION bench.floor_count(feedback_tally, integer)
RETURNS feedback_tally AS :'floor_so', 'bench_floor_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION bench.floor_count(feedback_tally, feedback)
RETURNS feedback_tally AS :'floor_so', 'bench_floor_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE bench.byref_floor(integer) (
	SFUNC = bench.floor_count,
	STYPE = feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = feedback_tally_nps
);

CREATE AGGREGATE bench.byref_floor(feedback) (
	SFUNC = bench.floor_count,
	STYPE = feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = feedback_tally_nps
);

-- it counts every row, each as a promoter, and nothing else
DO $$
BEGIN
	IF (SELECT bench.byref_floor(s)::text FROM generate_series(0, 10) AS s) IS DISTINCT FROM '100'
		OR (SELECT bench.byref_floor(s) FROM generate_series(1, 0) AS s) IS NOT NULL THEN
		RAISE EXCEPTION 'bench.byref_floor does not count as intended';
	END IF;
END
$$;

RESET client_min_messages;
