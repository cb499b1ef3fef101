--
-- Counts that would pass the 64-bit limit are an ERROR (22003), never a
-- wrap-around: merging summaries, the + operator, rollup aggregates,
-- adding a response to a full summary, and the one-step aggregates'
-- combine step.  The limit is exact: a total of 2^63 - 1 is still fine.
-- After a failed merge the stored rollup row is unchanged.
--

-- SQLSTATE of a statement, for the table at the end
CREATE FUNCTION pg_temp.sqlstate_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

-- 2^63 - 1 promoters (score 10), and one more
CREATE TEMP TABLE ov (name text PRIMARY KEY, s feedback_summary);
INSERT INTO ov VALUES
	('max_nps', '{"nps":[0,0,0,0,0,0,0,0,0,0,9223372036854775807]}'),
	('one_nps', '{"nps":[0,0,0,0,0,0,0,0,0,0,1]}'),
	('one_ces', '{"ces/5":[1,0,0,0,0]}'),
	('almost', '{"nps":[9223372036854775806,0,0,0,0,0,0,0,0,0,0]}'),
	('half_a', '{"csat/2":[4611686018427387904,0]}'),
	('half_b', '{"ces/7":[0,0,0,4611686018427387904,0,0,0]}');

-- the same slot
SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'max_nps' AND b.name = 'one_nps';
SELECT a.s + b.s FROM ov a, ov b WHERE a.name = 'one_nps' AND b.name = 'max_nps';
-- different scales: each count fits, the total does not
SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'max_nps' AND b.name = 'one_ces';
SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'half_a' AND b.name = 'half_b';
-- a rollup aggregate over such rows
SELECT feedback_agg(s) FROM ov WHERE name IN ('max_nps', 'one_nps');
SELECT nps_agg(s) FROM ov WHERE name IN ('max_nps', 'one_ces');
-- one more response into a full summary
SELECT feedback_summary_add(s, 'nps:9') FROM ov WHERE name = 'max_nps';
-- the text form refuses a total beyond the limit as well
SELECT '{"nps":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}'::feedback_summary;
-- the exact limit is still a value: 2^63 - 2 detractors and 1 promoter
SELECT responses(merge(a.s, b.s)) AS responses, detractors(merge(a.s, b.s)), promoters(merge(a.s, b.s))
FROM ov a, ov b WHERE a.name = 'almost' AND b.name = 'one_nps';
-- NPS of 2^63 - 1 promoters: +100, exactly
SELECT nps(s) FROM ov WHERE name = 'max_nps';

-- the one-step aggregates' state: combine refuses to wrap too
SELECT feedback_tally_combine(
	'metric=nps scale=10 positive=9223372036854775807 neutral=0 negative=0 score_sum=0'::feedback_tally,
	'metric=nps scale=10 positive=1 neutral=0 negative=0 score_sum=9'::feedback_tally);

-- the state's score sum (for the CES mean) shares a word with the metric
-- and scale and stops at 2^56 - 1 = 72057594037927935: reaching it is
-- allowed, passing it is an error, never a carry into the scale
SELECT feedback_tally_combine(
	'metric=ces scale=7 positive=0 neutral=0 negative=72057594037927934 score_sum=72057594037927934'::feedback_tally,
	'metric=ces scale=7 positive=0 neutral=0 negative=1 score_sum=1'::feedback_tally);
SELECT feedback_tally_combine(
	'metric=ces scale=7 positive=0 neutral=0 negative=72057594037927934 score_sum=72057594037927934'::feedback_tally,
	'metric=ces scale=7 positive=0 neutral=0 negative=1 score_sum=2'::feedback_tally);
SELECT 'metric=ces scale=7 positive=0 neutral=0 negative=72057594037927936 score_sum=72057594037927936'::feedback_tally;
-- the same limit inside an aggregate, where rows take the in-place path
CREATE AGGREGATE pg_temp.ces_near_limit(integer) (
	SFUNC = ces_tally_add_int4,
	STYPE = feedback_tally,
	INITCOND = 'metric=ces scale=7 positive=0 neutral=0 negative=72057594037927932 score_sum=72057594037927932',
	FINALFUNC = feedback_tally_ces
);
-- one more 3 brings the sum to the limit: 72057594037927935 over 72057594037927933 responses
SELECT pg_temp.ces_near_limit(s) = 72057594037927935::float8 / 72057594037927933 AS at_limit
FROM (VALUES (3)) v(s);
SELECT pg_temp.ces_near_limit(s) FROM (VALUES (3), (1)) v(s);
-- a state of another metric is refused on the in-place path too
CREATE AGGREGATE pg_temp.nps_from_csat(integer) (
	SFUNC = nps_tally_add_int4,
	STYPE = feedback_tally,
	INITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = feedback_tally_nps
);
SELECT pg_temp.nps_from_csat(s) FROM (VALUES (9)) v(s);

-- a rollup row kept by upsert is unchanged when a merge would overflow
CREATE TEMP TABLE ov_rollup (k int PRIMARY KEY, s feedback_summary NOT NULL);
INSERT INTO ov_rollup SELECT 1, s FROM ov WHERE name = 'max_nps';
INSERT INTO ov_rollup AS r SELECT 1, s FROM ov WHERE name = 'one_nps'
ON CONFLICT (k) DO UPDATE SET s = merge(r.s, excluded.s);
SELECT s = (SELECT s FROM ov WHERE name = 'max_nps') AS unchanged, responses(s) FROM ov_rollup;

-- weight sums past double precision are refused the same way
SELECT merge('{"nps":{"counts":[1,0,0,0,0,0,0,0,0,0,0],"weights":[1e308,0,0,0,0,0,0,0,0,0,0],"squared_weights":1}}',
			 '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,1e308],"squared_weights":1}}');

-- every case above, by SQLSTATE
SELECT what, pg_temp.sqlstate_of(query) AS sqlstate
FROM (VALUES
	('merge, same slot', $q$SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'max_nps' AND b.name = 'one_nps'$q$),
	('+, same slot', $q$SELECT a.s + b.s FROM ov a, ov b WHERE a.name = 'one_nps' AND b.name = 'max_nps'$q$),
	('merge, total', $q$SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'half_a' AND b.name = 'half_b'$q$),
	('feedback_agg', $q$SELECT feedback_agg(s) FROM ov WHERE name IN ('max_nps', 'one_nps')$q$),
	('nps_agg', $q$SELECT nps_agg(s) FROM ov WHERE name IN ('max_nps', 'one_ces')$q$),
	('add a response', $q$SELECT feedback_summary_add(s, 'nps:9') FROM ov WHERE name = 'max_nps'$q$),
	('text input', $q$SELECT '{"nps":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}'::feedback_summary$q$),
	('tally combine', $q$SELECT feedback_tally_combine('metric=nps scale=10 positive=9223372036854775807 neutral=0 negative=0 score_sum=0', 'metric=nps scale=10 positive=1 neutral=0 negative=0 score_sum=9')$q$),
	('weights', $q$SELECT merge('{"nps":{"counts":[1,0,0,0,0,0,0,0,0,0,0],"weights":[1e308,0,0,0,0,0,0,0,0,0,0],"squared_weights":1}}', '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,1e308],"squared_weights":1}}')$q$),
	('tally score sum', $q$SELECT feedback_tally_combine('metric=ces scale=7 positive=0 neutral=0 negative=72057594037927934 score_sum=72057594037927934', 'metric=ces scale=7 positive=0 neutral=0 negative=1 score_sum=2')$q$),
	('tally score sum, in an aggregate', $q$SELECT pg_temp.ces_near_limit(s) FROM (VALUES (3), (1)) v(s)$q$),
	('limit itself', $q$SELECT merge(a.s, b.s) FROM ov a, ov b WHERE a.name = 'almost' AND b.name = 'one_nps'$q$)
) v(what, query);
