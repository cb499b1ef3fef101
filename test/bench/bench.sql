-- bench.sql: the measuring machinery of the benchmark, in schema bench of the
-- benchmark database (never in the extension).
--
-- A "set" is a few queries timed together: bench.add_query() registers them,
-- bench.measure() runs every query once as a warm-up and then REPS rounds;
-- each round runs every query of the set once, the starting query rotating
-- from round to round (A B, B A, A B, ...), so that a baseline and its
-- candidate always run next to each other, in the same session, and neither
-- always goes first.  Each run is one EXECUTE ... INTO of the whole query,
-- timed with clock_timestamp(); INTO makes the executor produce the row.
--
-- bench.compare() then reports the median time of each query and, as the
-- ratio, the median over rounds of (candidate time / baseline time of the
-- same round): pairing runs that were a second apart cancels slow drifts in
-- machine load better than a ratio of two medians would.
--
-- A query may be registered under several JIT settings (bench.jit_modes:
-- off, the server's defaults, forced on).  Each (query, setting) pair is a
-- query of its own in the rotation, so a candidate and its baseline under
-- the same setting still run side by side, and a ratio is only ever taken
-- between two runs under the same setting.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- The JIT settings a query can be measured under (filled by run.sh, which
-- reads the server's defaults from pg_settings).
CREATE TABLE bench.jit_modes (
	position	serial,
	mode		text PRIMARY KEY,	-- off, default, forced
	settings	text[] NOT NULL		-- {name, value, ...}
);

CREATE TABLE bench.queries (
	set_name	text NOT NULL,
	label		text NOT NULL,
	jit			text NOT NULL REFERENCES bench.jit_modes (mode),
	settings	text[] NOT NULL,	-- {name, value, name, value, ...}, JIT's included
	sql			text NOT NULL,
	position	serial,
	PRIMARY KEY (set_name, label, jit)
);

CREATE TABLE bench.timings (
	set_name	text NOT NULL,
	label		text NOT NULL,
	jit			text NOT NULL,
	round		integer NOT NULL,	-- 0 is the warm-up
	ms			double precision NOT NULL,
	answer		text
);

-- One line of the printed table.
CREATE TABLE bench.results (
	position	serial PRIMARY KEY,
	section		text NOT NULL,
	jit			text NOT NULL DEFAULT 'off',
	measurement	text NOT NULL,
	candidate	text NOT NULL,
	baseline	text NOT NULL,
	result		text NOT NULL,
	target		text NOT NULL,
	holds		text NOT NULL
);

-- Register a query of a set under one JIT setting (its settings first,
-- then the JIT mode's).
CREATE FUNCTION bench.add_query(set_name text, label text, sql text,
								settings text[] DEFAULT '{}', jit text DEFAULT 'off')
RETURNS void LANGUAGE sql
BEGIN ATOMIC
	INSERT INTO bench.queries (set_name, label, jit, settings, sql)
	SELECT add_query.set_name, add_query.label, m.mode,
		add_query.settings || m.settings, add_query.sql
	FROM bench.jit_modes AS m WHERE m.mode = add_query.jit;
END;

-- Run sql once under settings (applied for this run only); return the time
-- in milliseconds and the value returned, as text.
CREATE FUNCTION bench.run_once(sql text, settings text[],
							   OUT ms double precision, OUT answer text)
LANGUAGE plpgsql AS $$
DECLARE
	saved		text[] := '{}';
	row_value	record;
	t0			timestamptz;
	t1			timestamptz;
BEGIN
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		saved := saved || current_setting(settings[i]);
		PERFORM set_config(settings[i], settings[i + 1], true);
	END LOOP;
	t0 := clock_timestamp();
	EXECUTE sql INTO row_value;
	t1 := clock_timestamp();
	ms := 1000 * extract(epoch FROM t1 - t0);
	-- every query returns one column
	SELECT j.value INTO answer FROM jsonb_each_text(to_jsonb(row_value)) AS j;
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		PERFORM set_config(settings[i], saved[(i + 1) / 2], true);
	END LOOP;
END;
$$;

CREATE FUNCTION bench.measure(set_name text, reps integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	q			bench.queries[];
	k			integer;
	pick		integer;
	run			record;
BEGIN
	SELECT array_agg(bq ORDER BY bq.position) INTO q
	FROM bench.queries AS bq WHERE bq.set_name = measure.set_name;
	IF q IS NULL THEN
		RAISE EXCEPTION 'no queries in benchmark set %', set_name;
	END IF;
	k := array_length(q, 1);
	DELETE FROM bench.timings AS t WHERE t.set_name = measure.set_name;
	FOR round IN 0 .. reps LOOP
		FOR j IN 0 .. k - 1 LOOP
			pick := (greatest(round - 1, 0) + j) % k + 1;
			run := bench.run_once(q[pick].sql, q[pick].settings);
			INSERT INTO bench.timings
			VALUES (set_name, q[pick].label, q[pick].jit, round, run.ms, run.answer);
		END LOOP;
	END LOOP;
END;
$$;

CREATE FUNCTION bench.median_ms(set_name text, label text, jit text)
RETURNS double precision LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)
	FROM bench.timings AS t
	WHERE t.set_name = median_ms.set_name AND t.label = median_ms.label
		AND t.jit = median_ms.jit AND t.round > 0;
END;

-- Median over rounds of candidate time / baseline time in the same round,
-- both under the same JIT setting.
CREATE FUNCTION bench.median_ratio(set_name text, candidate text, baseline text,
								   jit text)
RETURNS double precision LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c.ms / b.ms)
	FROM bench.timings AS c
	JOIN bench.timings AS b USING (set_name, jit, round)
	WHERE c.set_name = median_ratio.set_name AND c.label = median_ratio.candidate
		AND b.label = median_ratio.baseline AND c.jit = median_ratio.jit
		AND c.round > 0;
END;

-- The answer a query gave under a JIT setting (the warm-up's; the
-- cross-checks compare it with every other run's).
CREATE FUNCTION bench.answer(set_name text, label text, jit text DEFAULT 'off')
RETURNS text LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT t.answer FROM bench.timings AS t
	WHERE t.set_name = answer.set_name AND t.label = answer.label
		AND t.jit = answer.jit AND t.round = 0;
END;

CREATE FUNCTION bench.fmt_ms(ms double precision)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE WHEN ms >= 100 THEN to_char(ms, 'FM999,999') ELSE to_char(ms, 'FM990.0') END || ' ms';

-- Add table lines comparing two queries (labels) of a measured set, one
-- line per JIT setting both were measured under, in bench.jit_modes order;
-- the target is on the ratio candidate / baseline: at most max_ratio
-- (infinity: a line for reference, without a target).
--
-- When the set also has the floor aggregate (query label 'floor', see
-- floor.sql), the verdict gives the floor's own ratio against the same
-- baseline, "yes (floor 0.990)" or "NO (floor 1.093)": a floor above the
-- target says that no aggregate with a pass-by-reference state could meet
-- it there, whatever its transition function does.
CREATE FUNCTION bench.compare(section text, measurement text, set_name text,
							  candidate text, baseline text, baseline_text text,
							  max_ratio double precision, target_text text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	m			record;
	ratio		double precision;
	floor_ratio	double precision;
	lines		integer := 0;
BEGIN
	FOR m IN SELECT jm.mode FROM bench.jit_modes AS jm ORDER BY jm.position LOOP
		ratio := bench.median_ratio(set_name, candidate, baseline, m.mode);
		CONTINUE WHEN ratio IS NULL;
		floor_ratio := CASE WHEN candidate <> 'floor' AND baseline <> 'floor' THEN
			bench.median_ratio(set_name, 'floor', baseline, m.mode) END;
		INSERT INTO bench.results (section, jit, measurement, candidate, baseline, result, target, holds)
		VALUES (section, m.mode, measurement,
				bench.fmt_ms(bench.median_ms(set_name, candidate, m.mode)),
				baseline_text || ': ' || bench.fmt_ms(bench.median_ms(set_name, baseline, m.mode)),
				CASE WHEN ratio < 0.1 THEN to_char(ratio, 'FM0.0000') ELSE to_char(ratio, 'FM990.000') END
					|| CASE WHEN ratio < 0.5 THEN ' (' || to_char(1 / ratio, 'FM999,990.0') || 'x faster)' ELSE '' END,
				coalesce(target_text, '<= ' || to_char(max_ratio, 'FM990.00')),
				CASE WHEN max_ratio = 'infinity' THEN '-' WHEN ratio <= max_ratio THEN 'yes' ELSE 'NO' END
					|| CASE WHEN max_ratio <> 'infinity' AND floor_ratio IS NOT NULL
						THEN ' (floor ' || to_char(floor_ratio, 'FM990.000') || ')' ELSE '' END);
		lines := lines + 1;
	END LOOP;
	IF lines = 0 THEN
		RAISE EXCEPTION 'benchmark set % has no timings of % and %', set_name, candidate, baseline;
	END IF;
END;
$$;

-- EXPLAIN (ANALYZE, FORMAT JSON) of sql under settings (for this call only).
CREATE FUNCTION bench.explain(sql text, settings text[])
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
	saved		text[] := '{}';
	plan		jsonb;
BEGIN
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		saved := saved || current_setting(settings[i]);
		PERFORM set_config(settings[i], settings[i + 1], true);
	END LOOP;
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || sql INTO plan;
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		PERFORM set_config(settings[i], saved[(i + 1) / 2], true);
	END LOOP;
	RETURN plan;
END;
$$;

-- What JIT did for sql under settings: the "JIT" object of EXPLAIN
-- (ANALYZE, FORMAT JSON) (functions compiled, options, timings), or NULL
-- when nothing was compiled.  EXPLAIN prints it only with COSTS on.
CREATE FUNCTION bench.jit_info(sql text, settings text[])
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
	saved		text[] := '{}';
	plan		jsonb;
BEGIN
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		saved := saved || current_setting(settings[i]);
		PERFORM set_config(settings[i], settings[i + 1], true);
	END LOOP;
	EXECUTE 'EXPLAIN (ANALYZE, COSTS ON, TIMING ON, FORMAT JSON) ' || sql INTO plan;
	FOR i IN 1 .. coalesce(array_length(settings, 1), 0) BY 2 LOOP
		PERFORM set_config(settings[i], saved[(i + 1) / 2], true);
	END LOOP;
	RETURN plan->0->'JIT';
END;
$$;

-- The hash aggregate of a query: peak memory in bytes (as EXPLAIN reports
-- it, in whole kB), groups, and batches (1: nothing spilled to disk).
CREATE FUNCTION bench.hash_memory(sql text, settings text[],
								  OUT peak_bytes bigint, OUT groups bigint,
								  OUT batches integer)
LANGUAGE plpgsql AS $$
DECLARE
	node		jsonb := jsonb_path_query_first(bench.explain(sql, settings),
												'strict $.**?(@."Strategy" == "Hashed")');
BEGIN
	IF node IS NULL THEN
		RAISE EXCEPTION 'no hash aggregate in the plan of %', sql;
	END IF;
	peak_bytes := 1024 * (node->>'Peak Memory Usage')::bigint;
	-- numeric: 18 prints fractional row counts ("99994.00")
	groups := round((node->>'Actual Rows')::numeric)::bigint;
	batches := (node->>'HashAgg Batches')::integer;
END;
$$;

-- The same aggregate as nps_agg(integer) without the moving-aggregate
-- functions: a window frame must then be recomputed from its first row
-- every time its start moves.
CREATE AGGREGATE bench.nps_noinv(integer) (
	SFUNC = nps_tally_add_int4,
	STYPE = feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = feedback_tally_nps
);

RESET client_min_messages;
