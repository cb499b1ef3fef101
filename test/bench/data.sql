-- data.sql: the benchmark's data set, deterministic and sized by psql variables.
--
--   psql -X -v rows=10000000 -v customers=1000000 -f test/bench/data.sql
--
-- bench_responses: one row per NPS survey answer over one year (2025, UTC),
-- the shape of a real responses table rather than a bare column: a primary
-- key, the customer and their segment (1,000 segments), a timestamp, the NPS
-- score (1.5% NULL: question skipped), a CSAT and a CES score of the same
-- contact, and the NPS answer again as a feedback value.  Every value comes
-- from hashint8extended() of the row number and a salt, so the order of
-- scores is as unpredictable to the CPU's branch predictor as real data and
-- identical on every run.  response_id follows responded_at, as in a table
-- filled as answers arrive.
--
-- Afterwards the table is frozen, analyzed and loaded into shared buffers,
-- so that the timed scans read memory, set no hint bits and write nothing.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench_responses CASCADE;

CREATE TABLE bench_responses (
	response_id		bigint NOT NULL,
	customer_id		integer NOT NULL,
	segment_id		integer NOT NULL,
	responded_at	timestamptz NOT NULL,
	score			integer,		-- NPS, 0..10
	csat			integer,		-- 1..5
	ces				integer,		-- 1..7
	fb				feedback		-- feedback('nps', score)
);

-- Score distributions as lookup arrays, indexed by a hash: NPS 25% / 25% /
-- 50% detractors / passives / promoters (NPS 25), CSAT 69% satisfied, CES
-- mostly easy.
INSERT INTO bench_responses
SELECT i, customer_id, 1 + (customer_id - 1) % 1000,
	timestamptz '2025-01-01 00:00:00+00'
		+ make_interval(secs => floor((i - 1) * (31536000.0 / :rows))::double precision),
	score, csat, ces,
	CASE WHEN score IS NOT NULL THEN feedback('nps', score) END
FROM (
	SELECT i,
		1 + ((hashint8extended(i, 1) & 2147483647) % :customers)::integer AS customer_id,
		CASE WHEN (hashint8extended(i, 2) & 2147483647) % 1000 >= 15 THEN
			('{0,1,2,3,4,5,6,6,6,6,7,7,7,7,8,8,8,8,8,8,9,9,9,9,9,9,9,9,9,10,10,10,10,10,10,10,10,10,10,10}'::integer[])
				[1 + (hashint8extended(i, 3) & 2147483647) % 40]
		END AS score,
		('{1,2,2,3,3,4,4,4,4,4,5,5,5,5,5,5}'::integer[])[1 + (hashint8extended(i, 4) & 2147483647) % 16] AS csat,
		('{1,2,3,3,4,4,5,5,5,6,6,6,6,7,7,7}'::integer[])[1 + (hashint8extended(i, 5) & 2147483647) % 16] AS ces
	FROM generate_series(1, :rows::bigint) AS i
	OFFSET 0
) AS g;

ALTER TABLE bench_responses ADD PRIMARY KEY (response_id);
VACUUM (FREEZE, ANALYZE) bench_responses;
CHECKPOINT;
SELECT pg_prewarm('bench_responses') \g /dev/null
SELECT pg_prewarm('bench_responses_pkey') \g /dev/null

RESET client_min_messages;
