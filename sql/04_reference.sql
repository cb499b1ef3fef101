--
-- Agreement with the plain-SQL definitions (count(*) FILTER ...) on
-- generated data: 150,000 responses with NULLs, mixed metrics and scales,
-- 50 segments; and hash aggregation over a million groups under a small
-- work_mem, which must spill to disk and still be right.
--
CREATE TABLE survey AS
SELECT i AS id,
	   i % 50 AS segment,
	   m.metric,
	   CASE m.metric WHEN 'nps' THEN 10 WHEN 'csat' THEN (ARRAY[2, 3, 5, 5, 7, 10])[1 + (i / 3) % 6]
					 ELSE (ARRAY[5, 7, 7])[1 + (i / 3) % 3] END AS scale,
	   h
FROM generate_series(1, 150000) i,
	 LATERAL (SELECT abs(hashint4(i)) AS h) hh,
	 LATERAL (SELECT (ARRAY['nps', 'csat', 'ces'])[1 + i % 3] AS metric) m;
ALTER TABLE survey ADD COLUMN score int;
UPDATE survey SET score = CASE WHEN h % 29 = 0 THEN NULL
							   WHEN metric = 'nps' THEN h % 11
							   ELSE 1 + h % scale END;
ALTER TABLE survey ADD COLUMN fb feedback;
UPDATE survey SET fb = feedback(metric, score, scale);
SELECT count(*) AS responses, count(score) AS answered, count(DISTINCT (metric, scale)) AS buckets
FROM survey;

-- reference: the definitions in plain SQL, per segment
CREATE TEMP TABLE reference AS
SELECT segment,
	   100.0 * (count(*) FILTER (WHERE metric = 'nps' AND score >= 9)
				- count(*) FILTER (WHERE metric = 'nps' AND score <= 6))
		   / nullif(count(score) FILTER (WHERE metric = 'nps'), 0) AS nps,
	   100.0 * count(*) FILTER (WHERE metric = 'csat' AND (
					(scale = 2 AND score = 2) OR (scale = 3 AND score = 3) OR
					(scale = 5 AND score >= 4) OR (scale = 7 AND score >= 6) OR
					(scale = 10 AND score >= 8)))
		   / nullif(count(score) FILTER (WHERE metric = 'csat'), 0) AS csat,
	   100.0 * count(*) FILTER (WHERE metric = 'csat' AND scale = 5 AND score >= 4)
		   / nullif(count(score) FILTER (WHERE metric = 'csat' AND scale = 5), 0) AS csat5,
	   avg(score) FILTER (WHERE metric = 'ces' AND scale = 7) AS ces7,
	   avg(score) FILTER (WHERE metric = 'ces' AND scale = 5) AS ces5
FROM survey GROUP BY segment;

CREATE TEMP TABLE computed AS
SELECT segment,
	   nps_agg(score) FILTER (WHERE metric = 'nps') AS nps_int,
	   nps_agg(fb) AS nps_fb,
	   csat_agg(score, scale) FILTER (WHERE metric = 'csat') AS csat_int,
	   csat_agg(fb) AS csat_fb,
	   csat_agg(score) FILTER (WHERE metric = 'csat' AND scale = 5) AS csat5_int,
	   ces_agg(score) FILTER (WHERE metric = 'ces' AND scale = 7) AS ces7_int,
	   ces_agg(fb) FILTER (WHERE scale(fb) = 7) AS ces7_fb,
	   ces_agg(score, scale) FILTER (WHERE metric = 'ces' AND scale = 5) AS ces5_int,
	   ces_agg(fb) FILTER (WHERE scale(fb) = 5) AS ces5_fb
FROM survey GROUP BY segment;

-- every segment, every metric, both input forms: differences beyond 1e-9
SELECT count(*) AS segments,
	   count(*) FILTER (WHERE abs(nps_int - nps) > 1e-9 OR abs(nps_fb - nps) > 1e-9) AS nps_bad,
	   count(*) FILTER (WHERE abs(csat_int - csat) > 1e-9 OR abs(csat_fb - csat) > 1e-9) AS csat_bad,
	   count(*) FILTER (WHERE abs(csat5_int - csat5) > 1e-9) AS csat5_bad,
	   count(*) FILTER (WHERE abs(ces7_int - ces7) > 1e-9 OR abs(ces7_fb - ces7) > 1e-9) AS ces7_bad,
	   count(*) FILTER (WHERE abs(ces5_int - ces5) > 1e-9 OR abs(ces5_fb - ces5) > 1e-9) AS ces5_bad,
	   count(*) FILTER (WHERE nps IS NULL OR csat IS NULL OR ces7 IS NULL OR ces5 IS NULL) AS empty_groups
FROM reference JOIN computed USING (segment);

-- the overall figures, rounded, as a person would read them
SELECT round(nps_agg(fb)::numeric, 4) AS nps, round(csat_agg(fb)::numeric, 4) AS csat,
	   round(ces_agg(fb) FILTER (WHERE scale(fb) = 7)::numeric, 4) AS ces7
FROM survey;
SELECT round(100.0 * (count(*) FILTER (WHERE metric = 'nps' AND score >= 9)
					  - count(*) FILTER (WHERE metric = 'nps' AND score <= 6))
			 / count(score) FILTER (WHERE metric = 'nps'), 4) AS nps_by_filter,
	   round(avg(score) FILTER (WHERE metric = 'ces' AND scale = 7), 4) AS ces7_by_avg
FROM survey;

-- a million groups by hash under 1 MB of work_mem: the hash aggregate must
-- spill (PostgreSQL 13+ spills any fixed-size state) and stay exact
SET work_mem = '1MB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE many AS
SELECT i % 1000000 AS customer, (i * 7) % 11 AS score FROM generate_series(1, 2000000) i;
EXPLAIN (COSTS OFF) SELECT customer, nps_agg(score) FROM many GROUP BY customer;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE n <> expected) AS wrong
FROM (SELECT customer, nps_agg(score) AS n FROM many GROUP BY customer) a
JOIN (SELECT customer,
			 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS expected
	  FROM many GROUP BY customer) b USING (customer);
RESET work_mem;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
