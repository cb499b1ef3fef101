--
-- nps_agg, csat_agg, ces_agg: every signature, NULL and empty input,
-- grouping with sort and hash plans, the feedback_tally state, and every
-- error with its SQLSTATE.  Expected values are worked out by hand in the
-- comments.
--

-- scores 0..10 once each: promoters 9,10; passives 7,8; detractors 0..6
-- NPS = 100 * (2 - 7) / 11 = -45.4545...
SELECT nps_agg(s::smallint) AS int2, nps_agg(s) AS int4, nps_agg(s::bigint) AS int8,
	   round((100.0 * (2 - 7) / 11)::numeric, 10) AS by_hand
FROM generate_series(0, 10) s;

-- NULLs are ignored; no rows or only NULLs give NULL
SELECT nps_agg(s) FROM (VALUES (10), (NULL), (0), (NULL)) t(s);	-- (1 - 1) / 2 = 0
SELECT nps_agg(s), csat_agg(s), ces_agg(s) FROM (VALUES (NULL::int)) t(s);
SELECT nps_agg(s), csat_agg(s), csat_agg(s, 5), ces_agg(s), ces_agg(s, 7)
FROM generate_series(1, 0) s;
SELECT nps_agg(fb), csat_agg(fb), ces_agg(fb) FROM (VALUES (NULL::feedback)) t(fb);

-- all promoters, all detractors
SELECT nps_agg(10) AS all_promoters, nps_agg(0) AS all_detractors, nps_agg(8) AS all_passives
FROM generate_series(1, 5);

-- CSAT on the default 5-point scale: 4 and 5 are satisfied
-- scores 1..5: 2 of 5 satisfied = 40
SELECT csat_agg(s), csat_agg(s, 5) FROM generate_series(1, 5) s;
-- other scales: 2-point (2 satisfied), 3-point (3), 7-point (6, 7), 10-point (8..10)
SELECT (SELECT csat_agg(s, 2) FROM generate_series(1, 2) s) AS csat2,	-- 1/2 = 50
	   (SELECT csat_agg(s, 3) FROM generate_series(1, 3) s) AS csat3,	-- 1/3
	   (SELECT csat_agg(s, 7) FROM generate_series(1, 7) s) AS csat7,	-- 2/7
	   (SELECT csat_agg(s, 10) FROM generate_series(1, 10) s) AS csat10;	-- 3/10

-- CES is the mean score: 1..7 -> 4; 1..5 on a 5-point scale -> 3
SELECT ces_agg(s) AS ces7, (SELECT ces_agg(s, 5) FROM generate_series(1, 5) s) AS ces5,
	   ces_agg(s, 7) AS ces7_explicit
FROM generate_series(1, 7) s;

-- a per-row scale may vary for CSAT (each response judged on its own scale)
SELECT csat_agg(score, scale)	-- 5/5 and 1/2: one of two satisfied = 50
FROM (VALUES (5, 5), (1, 2)) t(score, scale);

-- one mixed feedback column serves all three aggregates
CREATE TABLE responses (region text, fb feedback);
INSERT INTO responses VALUES
	('north', 'nps:10'), ('north', 'nps:9'), ('north', 'nps:3'), ('north', 'csat:5'),
	('north', 'csat:2'), ('north', 'ces:6'), ('north', 'ces:3'), ('north', NULL),
	('south', 'nps:7'), ('south', 'csat:good'), ('south', 'csat:bad'), ('south', 'csat:4/5'),
	('east', 'ces:2/5'), ('east', 'ces:5/5');
-- north: NPS (2-1)/3 = 33.3; CSAT 1/2 = 50; CES (6+3)/2 = 4.5
-- south: NPS 0/1 = 0; CSAT 2/3 = 66.7 (good and 4/5); CES none
-- east: NPS none; CSAT none; CES 3.5 (5-point scale)
SELECT region, nps_agg(fb), csat_agg(fb), ces_agg(fb), count(fb)
FROM responses GROUP BY region ORDER BY region;

-- the same with a sort plan and with a hash plan
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT region, nps_agg(fb) FROM responses GROUP BY region;
SELECT region, nps_agg(fb), csat_agg(fb), ces_agg(fb) FROM responses GROUP BY region ORDER BY region;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT region, nps_agg(fb) FROM responses GROUP BY region;
SELECT region, nps_agg(fb), csat_agg(fb), ces_agg(fb) FROM responses GROUP BY region ORDER BY region;
RESET enable_sort;

-- errors: a score out of range is 22003 and names the value; never skipped
SELECT error_of('SELECT nps_agg(s) FROM generate_series(0, 11) s');
SELECT error_of('SELECT nps_agg(-1::smallint)');
SELECT error_of('SELECT nps_agg(10000000000::bigint)');
SELECT error_of('SELECT csat_agg(s) FROM generate_series(0, 5) s');
SELECT error_of('SELECT csat_agg(6)');
SELECT error_of('SELECT csat_agg(3, 4)');
SELECT error_of('SELECT csat_agg(3, NULL::int)');	-- strict: the row is NULL, so no responses
SELECT error_of('SELECT ces_agg(8)');
SELECT error_of('SELECT ces_agg(6, 5)');
SELECT error_of('SELECT ces_agg(3, 10)');
-- CES over two scales in one group is an error that says so
SELECT ces_agg(fb) FROM responses WHERE region IN ('north', 'east');
SELECT ces_agg(s, sc) FROM (VALUES (3, 5), (3, 7)) t(s, sc);
-- ... but per scale it is fine
SELECT scale(fb), ces_agg(fb) FROM responses WHERE metric(fb) = 'ces' GROUP BY 1 ORDER BY 1;

-- the transition state is a real type with a text form (Citus ships it as text)
SELECT nps_tally_add_int4(nps_tally_add_int4(
	'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0', 9), 3);
SELECT feedback_tally_combine(
	'metric=nps scale=10 positive=2 neutral=1 negative=0 score_sum=27',
	'metric=nps scale=10 positive=0 neutral=0 negative=1 score_sum=4');
SELECT feedback_tally_nps('metric=nps scale=10 positive=2 neutral=1 negative=1 score_sum=31'),	-- 25
	   feedback_tally_csat('metric=csat scale=mixed positive=3 neutral=0 negative=1 score_sum=14'),	-- 75
	   feedback_tally_ces('metric=ces scale=7 positive=1 neutral=1 negative=0 score_sum=9'),	-- 4.5
	   feedback_tally_nps('metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0');	-- NULL
-- a direct call does not modify its argument
WITH s AS (SELECT 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0'::feedback_tally AS t)
SELECT nps_tally_add_int4(t, 10), t FROM s;
-- feedback_tally binary form round trips
SELECT feedback_tally_send('metric=ces scale=5 positive=1 neutral=0 negative=2 score_sum=7');
-- invalid states are rejected
SELECT v, error_of(format('SELECT %L::feedback_tally', v))
FROM (VALUES ('metric=nps'),
			 ('metric=nps scale=10 positive=1 neutral=0 negative=0 score_sum=100'),
			 ('metric=nps scale=10 positive=-1 neutral=0 negative=0 score_sum=0'),
			 ('metric=ces scale=mixed positive=1 neutral=0 negative=0 score_sum=5'),
			 ('metric=csat scale=4 positive=1 neutral=0 negative=0 score_sum=4'),
			 ('metric=nps scale=10 positive=9223372036854775807 neutral=1 negative=0 score_sum=0'),
			 ('metric=xyz scale=none positive=0 neutral=0 negative=0 score_sum=0')) t(v);
-- combining tallies of different metrics, or whose counts overflow
SELECT error_of($$SELECT feedback_tally_combine(
	'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0')$$);
SELECT error_of($$SELECT feedback_tally_combine(
	'metric=nps scale=10 positive=9223372036854775807 neutral=0 negative=0 score_sum=0',
	'metric=nps scale=10 positive=1 neutral=0 negative=0 score_sum=9')$$);
SELECT error_of($$SELECT feedback_tally_combine(
	'metric=ces scale=5 positive=1 neutral=0 negative=0 score_sum=5',
	'metric=ces scale=7 positive=1 neutral=0 negative=0 score_sum=7')$$);
-- a transition function given a tally of another metric
SELECT error_of($$SELECT nps_tally_add_int4(
	'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0', 5)$$);
-- feedback_tally text and binary (COPY) round trips
CREATE TABLE tallies (t feedback_tally);
INSERT INTO tallies
SELECT nps_tally_add_int4('metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0', s)
FROM generate_series(0, 10) s
UNION ALL SELECT 'metric=csat scale=mixed positive=3 neutral=1 negative=1 score_sum=14'
UNION ALL SELECT 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0';
COPY tallies TO '/tmp/cxsat_regress_tally.bin' WITH (FORMAT binary);
CREATE TABLE tallies_back (t feedback_tally);
COPY tallies_back FROM '/tmp/cxsat_regress_tally.bin' WITH (FORMAT binary);
SELECT (SELECT array_agg(t::text ORDER BY t::text) FROM tallies)
	 = (SELECT array_agg(t::text ORDER BY t::text) FROM tallies_back) AS binary_round_trip,
	   (SELECT count(*) FROM tallies_back) AS rows,
	   (SELECT count(*) FROM tallies WHERE t::text::feedback_tally::text <> t::text) AS text_mismatches;
