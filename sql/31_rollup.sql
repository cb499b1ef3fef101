--
-- Rollups: daily summaries per segment rolled up to months and regions
-- equal the figures from the raw rows, for every metric; an incremental
-- rollup table kept by upsert gives the same; parallel and serial plans,
-- window frames and spilling hash aggregation agree; COPY (FORMAT binary)
-- round-trips summaries, and malformed binary input is 22P03.
--

-- three months of responses over three regions and two segments; each row
-- has a feedback value (NPS, CSAT on 5 or 10 points, CES on 7) and a plain
-- integer NPS score
CREATE TABLE ru_raw AS
SELECT g AS id,
	   date '2023-12-01' + sm_hash(g, 5) % 91 AS day,
	   (ARRAY['north', 'south', 'west'])[1 + sm_hash(g, 6) % 3] AS region,
	   (ARRAY['retail', 'business'])[1 + sm_hash(g, 7) % 2] AS segment,
	   CASE WHEN g % 101 = 0 THEN NULL
			WHEN g % 4 = 0 THEN feedback('nps', sm_hash(g, 1) % 11)
			WHEN g % 4 = 1 THEN feedback('csat', sm_hash(g, 2) % 5 + 1)
			WHEN g % 4 = 2 THEN feedback('csat', sm_hash(g, 3) % 10 + 1, 10)
			ELSE feedback('ces', sm_hash(g, 4) % 7 + 1) END AS fb,
	   CASE WHEN g % 53 = 0 THEN NULL ELSE sm_hash(g, 8) % 11 END AS nps_score
FROM generate_series(1, 24000) g;
ANALYZE ru_raw;

-- the daily rollup: one row per day, region and segment
CREATE TABLE ru_daily AS
SELECT day, region, segment, feedback_agg(fb) AS s, feedback_agg('nps', nps_score) AS nps_s
FROM ru_raw GROUP BY day, region, segment;
ANALYZE ru_daily;
SELECT count(*) AS daily_rows, sum(responses(s)) AS responses, sum(responses(nps_s)) AS nps_scores,
	   (SELECT count(fb) FROM ru_raw) AS raw_responses, (SELECT count(nps_score) FROM ru_raw) AS raw_scores
FROM ru_daily;

-- the plain-SQL reference per month and region
CREATE VIEW ru_reference AS
SELECT date_trunc('month', day)::date AS month, region,
	   count(*) FILTER (WHERE metric(fb) = 'nps') AS nps_n,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) >= 9) AS promoters,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) <= 6) AS detractors,
	   count(*) FILTER (WHERE metric(fb) = 'csat') AS csat_n,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND ((scale(fb) = 5 AND score(fb) >= 4) OR
														(scale(fb) = 10 AND score(fb) >= 8))) AS satisfied,
	   count(*) FILTER (WHERE metric(fb) = 'ces') AS ces_n,
	   sum(score(fb)) FILTER (WHERE metric(fb) = 'ces') AS ces_sum,
	   count(nps_score) AS score_n,
	   count(*) FILTER (WHERE nps_score >= 9) AS score_promoters,
	   count(*) FILTER (WHERE nps_score <= 6) AS score_detractors
FROM ru_raw GROUP BY 1, 2;

-- monthly figures per region from the daily rollup ...
CREATE TABLE ru_monthly_from_daily AS
SELECT date_trunc('month', day)::date AS month, region,
	   nps_agg(s) AS nps, csat_agg(s) AS csat, ces_agg(s) AS ces, nps_agg(nps_s) AS nps_scores,
	   feedback_agg(s) AS s
FROM ru_daily GROUP BY 1, 2;
SELECT month, region, nps, csat, ces, nps_scores FROM ru_monthly_from_daily ORDER BY 1, 2;
-- ... against the same arithmetic in SQL on the raw rows
SELECT month, region, nps_n, promoters, detractors, csat_n, satisfied, ces_n, ces_sum,
	   score_n, score_promoters, score_detractors
FROM ru_reference ORDER BY 1, 2;
SELECT m.month, m.region,
	   nps = 100::float8 * (promoters - detractors)::float8 / nps_n::float8 AS nps_ok,
	   csat = 100::float8 * satisfied::float8 / csat_n::float8 AS csat_ok,
	   ces = ces_sum::float8 / ces_n::float8 AS ces_ok,
	   nps_scores = 100::float8 * (score_promoters - score_detractors)::float8 / score_n::float8 AS scores_ok,
	   (responses(s, 'nps'), promoters(s), detractors(s), responses(s, 'csat'), satisfied(s), responses(s, 'ces'))
	   = (nps_n, promoters, detractors, csat_n, satisfied, ces_n) AS counts_ok
FROM ru_monthly_from_daily m JOIN ru_reference r USING (month, region) ORDER BY 1, 2;
-- ... and against the one-step aggregates over the raw rows
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE m.nps = r.nps AND m.csat = r.csat AND m.ces = r.ces
							  AND m.nps_scores = r.nps_scores AND m.s = r.s) AS equal
FROM ru_monthly_from_daily m
JOIN (SELECT date_trunc('month', day)::date AS month, region, nps_agg(fb) AS nps, csat_agg(fb) AS csat,
			 ces_agg(fb) AS ces, nps_agg(nps_score) AS nps_scores, feedback_agg(fb) AS s
	  FROM ru_raw GROUP BY 1, 2) r USING (month, region);

-- per segment over the whole period, and the grand total, from the daily rollup
SELECT segment, nps_agg(s) AS nps, csat_agg(s) AS csat, ces_agg(s) AS ces FROM ru_daily GROUP BY segment ORDER BY 1;
SELECT segment,
	   nps_agg(fb) = (SELECT nps_agg(s) FROM ru_daily d WHERE d.segment = r.segment) AS nps_eq,
	   csat_agg(fb) = (SELECT csat_agg(s) FROM ru_daily d WHERE d.segment = r.segment) AS csat_eq,
	   ces_agg(fb) = (SELECT ces_agg(s) FROM ru_daily d WHERE d.segment = r.segment) AS ces_eq
FROM ru_raw r GROUP BY segment ORDER BY 1;
SELECT (SELECT feedback_agg(s) FROM ru_daily) = (SELECT feedback_agg(fb) FROM ru_raw) AS grand_total_eq,
	   (SELECT feedback_agg(nps_s) FROM ru_daily) = (SELECT feedback_agg('nps', nps_score) FROM ru_raw) AS scores_eq;
-- every score point of every metric and scale, month by region
SELECT count(*) AS points_compared,
	   count(*) FILTER (WHERE d.responses IS DISTINCT FROM coalesce(r.n, 0)) AS mismatches
FROM ru_monthly_from_daily m
CROSS JOIN (VALUES ('nps', 10), ('csat', 5), ('csat', 10), ('ces', 7)) k(metric, scale)
CROSS JOIN LATERAL distribution(m.s, k.metric, k.scale) d
LEFT JOIN (SELECT date_trunc('month', day)::date AS month, region, metric(fb) AS metric, scale(fb) AS scale,
				  score(fb) AS score, count(*) AS n
		   FROM ru_raw WHERE fb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) r
  ON (r.month, r.region, r.metric, r.scale, r.score) = (m.month, m.region, k.metric, k.scale, d.score);

-- an incremental rollup table kept by upsert, one day at a time
CREATE TABLE ru_monthly (
	month date,
	region text,
	s feedback_summary NOT NULL,
	PRIMARY KEY (month, region)
);
DO $$
DECLARE
	d date;
BEGIN
	FOR d IN SELECT DISTINCT day FROM ru_raw ORDER BY 1 LOOP
		INSERT INTO ru_monthly AS t
		SELECT date_trunc('month', d)::date, region, feedback_agg(fb)
		FROM ru_raw WHERE day = d GROUP BY region
		ON CONFLICT (month, region) DO UPDATE SET s = merge(t.s, excluded.s);
	END LOOP;
END $$;
-- a late batch for one month, merged with the + operator
INSERT INTO ru_raw VALUES (100001, '2024-01-15', 'west', 'retail', 'nps:10', 10),
						  (100002, '2024-01-16', 'west', 'retail', 'csat:1/5', 0);
INSERT INTO ru_monthly AS t
SELECT date_trunc('month', day)::date, region, feedback_agg(fb) FROM ru_raw WHERE id > 100000 GROUP BY 1, 2
ON CONFLICT (month, region) DO UPDATE SET s = t.s + excluded.s;
SELECT month, region, responses(s), nps(s), csat(s), ces(s) FROM ru_monthly ORDER BY 1, 2;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE u.s = r.s AND nps(u.s) = r.nps AND csat(u.s) = r.csat AND ces(u.s) = r.ces) AS equal
FROM ru_monthly u
JOIN (SELECT date_trunc('month', day)::date AS month, region, feedback_agg(fb) AS s, nps_agg(fb) AS nps,
			 csat_agg(fb) AS csat, ces_agg(fb) AS ces
	  FROM ru_raw GROUP BY 1, 2) r USING (month, region);
SELECT responses(s) - (SELECT responses(s) FROM ru_monthly_from_daily WHERE month = '2024-01-01' AND region = 'west')
	   AS late_responses
FROM ru_monthly WHERE month = '2024-01-01' AND region = 'west';
DELETE FROM ru_raw WHERE id > 100000;

-- parallel plans: partial aggregation in workers, combined in the leader,
-- give exactly the serial results
CREATE TEMP TABLE ru_serial AS
SELECT 'fb' AS what, region, feedback_agg(fb) AS s FROM ru_raw GROUP BY region
UNION ALL SELECT 'scores', region, feedback_agg('nps', nps_score) FROM ru_raw GROUP BY region
UNION ALL SELECT 'scaled', region, feedback_agg('csat', sm_hash(id, 9) % 7 + 1, 7) FROM ru_raw GROUP BY region
UNION ALL SELECT 'rollup', region, feedback_agg(s) FROM ru_daily GROUP BY region;
CREATE TEMP TABLE ru_serial_metrics AS
SELECT nps_agg(s) AS nps, csat_agg(s) AS csat, ces_agg(s) AS ces FROM ru_daily;
-- early rows are NPS, late rows CSAT: workers scanning different blocks
-- build partial states of different scales for the same group
CREATE TEMP TABLE ru_serial_split AS
SELECT id % 50 AS k, feedback_agg(CASE WHEN id <= 12000 THEN 'nps' ELSE 'csat' END, sm_hash(id, 10) % 5 + 1) AS s
FROM ru_raw GROUP BY 1;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT feedback_agg(fb) FROM ru_raw;
EXPLAIN (COSTS OFF) SELECT feedback_agg('nps', nps_score) FROM ru_raw;
EXPLAIN (COSTS OFF) SELECT nps_agg(s), feedback_agg(s) FROM ru_daily;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = ru_serial.s) AS equal
FROM ru_serial
JOIN (SELECT 'fb' AS what, region, feedback_agg(fb) AS s FROM ru_raw GROUP BY region
	  UNION ALL SELECT 'scores', region, feedback_agg('nps', nps_score) FROM ru_raw GROUP BY region
	  UNION ALL SELECT 'scaled', region, feedback_agg('csat', sm_hash(id, 9) % 7 + 1, 7) FROM ru_raw GROUP BY region
	  UNION ALL SELECT 'rollup', region, feedback_agg(s) FROM ru_daily GROUP BY region) p USING (what, region);
SELECT (SELECT feedback_agg(fb) FROM ru_raw) = (SELECT feedback_agg(s) FROM ru_serial WHERE what = 'fb') AS total_eq,
	   (SELECT nps_agg(s) FROM ru_daily) = (SELECT nps FROM ru_serial_metrics) AS nps_eq,
	   (SELECT csat_agg(s) FROM ru_daily) = (SELECT csat FROM ru_serial_metrics) AS csat_eq,
	   (SELECT ces_agg(s) FROM ru_daily) = (SELECT ces FROM ru_serial_metrics) AS ces_eq;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = ru_serial_split.s) AS equal
FROM ru_serial_split
JOIN (SELECT id % 50 AS k, feedback_agg(CASE WHEN id <= 12000 THEN 'nps' ELSE 'csat' END, sm_hash(id, 10) % 5 + 1) AS s
	  FROM ru_raw GROUP BY 1) p USING (k);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- window frames: a running summary per region equals the running metrics
-- of the one-step aggregates; a moving frame is recomputed per row
SELECT count(*) AS rows_compared,
	   count(*) FILTER (WHERE nps(run) IS DISTINCT FROM run_nps OR responses(run) <> run_n) AS running_mismatches,
	   count(*) FILTER (WHERE nps(mov) IS DISTINCT FROM mov_nps OR csat(mov) IS DISTINCT FROM mov_csat)
	   AS moving_mismatches
FROM (SELECT feedback_agg(fb) OVER w AS run, nps_agg(fb) OVER w AS run_nps, count(fb) OVER w AS run_n,
			 feedback_agg(fb) OVER m AS mov, nps_agg(fb) OVER m AS mov_nps, csat_agg(fb) OVER m AS mov_csat
	  FROM ru_raw WHERE id <= 3000
	  WINDOW w AS (PARTITION BY region ORDER BY id),
			 m AS (PARTITION BY region ORDER BY id ROWS BETWEEN 20 PRECEDING AND CURRENT ROW)) t;

-- moving frames use the inverse transition functions: a rolling 7-day
-- figure per region from daily summaries equals the raw rows of those days
CREATE TEMP TABLE ru_region_daily AS
SELECT day, region, feedback_agg(s) AS s, feedback_agg(nps_s) AS nps_s FROM ru_daily GROUP BY 1, 2;
CREATE TEMP TABLE ru_rolling AS
SELECT day, region,
	   nps_agg(s) OVER w AS nps, csat_agg(s) OVER w AS csat, ces_agg(s) OVER w AS ces,
	   feedback_agg(s) OVER w AS s,
	   feedback_agg(s) OVER (PARTITION BY region ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS s_rows
FROM ru_region_daily
WINDOW w AS (PARTITION BY region ORDER BY day RANGE BETWEEN interval '6 days' PRECEDING AND CURRENT ROW);
SELECT day, region, nps, csat, ces, responses(s) FROM ru_rolling WHERE day IN ('2023-12-07', '2024-02-29') ORDER BY 1, 2;
SELECT count(*) AS windows,
	   count(*) FILTER (WHERE o.s = r.s AND o.nps = r.nps AND o.csat = r.csat AND o.ces = r.ces
							AND o.s_rows = r.s) AS equal_to_raw
FROM ru_rolling o
CROSS JOIN LATERAL (SELECT feedback_agg(fb) AS s, nps_agg(fb) AS nps, csat_agg(fb) AS csat, ces_agg(fb) AS ces
					FROM ru_raw WHERE region = o.region AND day BETWEEN o.day - 6 AND o.day) r;
-- the same over plain scores, and over weighted summaries (whose inverse
-- declines, so that each frame is recomputed)
SELECT count(*) AS rows_compared,
	   count(*) FILTER (WHERE nps(m) IS DISTINCT FROM n) AS mismatches
FROM (SELECT feedback_agg('nps', nps_score) OVER w AS m, nps_agg(nps_score) OVER w AS n
	  FROM ru_raw WHERE id <= 3000
	  WINDOW w AS (ORDER BY id ROWS BETWEEN 50 PRECEDING AND 10 FOLLOWING)) t;
SELECT count(*) AS windows, count(*) FILTER (WHERE rolled = direct) AS equal
FROM (SELECT id, feedback_agg(ws) OVER w AS rolled, feedback_agg(fb, wt) OVER w AS direct
	  FROM (SELECT id, fb, (id % 5) * 0.5 AS wt, feedback_agg(fb, (id % 5) * 0.5) OVER (PARTITION BY id) AS ws
			FROM ru_raw WHERE id <= 400) x
	  WINDOW w AS (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) t;
-- called directly, the inverses refuse to remove what is not there (22023)
SELECT error_of($$SELECT feedback_summary_remove('{}', 'nps:9')$$) AS remove,
	   error_of($$SELECT feedback_summary_uncombine('{"csat/2":[0,1]}', '{"csat/2":[0,2]}')$$) AS uncombine,
	   feedback_summary_uncombine('{"csat/2":[1,3]}', '{"csat/2":[0,2]}') AS uncombined,
	   feedback_summary_remove_score('{"csat/5":[1,0,0,0,0]}', 'csat', 1) AS removed;

-- hash aggregation that spills to disk under a small work_mem
SET work_mem = '64kB';
SET enable_sort = off;
CREATE TEMP TABLE ru_spilled AS SELECT id % 4000 AS k, feedback_agg(fb) AS s FROM ru_raw GROUP BY 1;
RESET enable_sort;
SET enable_hashagg = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE sp.s = so.s) AS equal
FROM ru_spilled sp JOIN (SELECT id % 4000 AS k, feedback_agg(fb) AS s FROM ru_raw GROUP BY 1) so USING (k);
RESET enable_hashagg;
RESET work_mem;

-- binary send/receive: the wire form of a small summary, byte by byte:
-- version 1, flags 0, bucket mask 0x02 (csat/2), then two int8 counts
SELECT feedback_summary_send('{"csat/2":[1,258]}');
SELECT feedback_summary_send('{}') AS empty;
-- COPY (FORMAT binary) out and back in: both types, every row
CREATE TABLE ru_copy_src AS
SELECT day, region, segment, s, nps_s, NULL::feedback AS fb FROM ru_daily
UNION ALL SELECT NULL, NULL, NULL, '{}', NULL, 'csat:3/7'
UNION ALL SELECT NULL, NULL, 'weighted', feedback_agg(fb, (id % 7) * 0.25), NULL, 'nps:0'
		  FROM ru_raw WHERE id <= 500;
CREATE TABLE ru_copy_dst (LIKE ru_copy_src);
\set copyfile '/tmp/cxsat_regress_summary.bin'
COPY ru_copy_src TO :'copyfile' WITH (FORMAT binary);
COPY ru_copy_dst FROM :'copyfile' WITH (FORMAT binary);
SELECT (SELECT count(*) FROM ru_copy_src) AS copied,
	   (SELECT count(*) FROM (SELECT * FROM ru_copy_src EXCEPT ALL SELECT * FROM ru_copy_dst) d) AS missing,
	   (SELECT count(*) FROM (SELECT * FROM ru_copy_dst EXCEPT ALL SELECT * FROM ru_copy_src) d) AS extra,
	   (SELECT count(*) FROM (SELECT s::text, fb::text FROM ru_copy_src EXCEPT ALL SELECT s::text, fb::text FROM ru_copy_dst) d)
	   AS text_differs;
SELECT is_weighted(s), responses(s), s = (SELECT s FROM ru_copy_src WHERE segment = 'weighted') AS same
FROM ru_copy_dst WHERE segment = 'weighted';

-- malformed binary input: a bytea column has the same COPY binary layout,
-- so its bytes reach feedback_summary_recv; every fault is 22P03
CREATE TABLE ru_bytes (b bytea);
CREATE TABLE ru_summary_in (s feedback_summary);
CREATE FUNCTION summary_copy_error(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE ru_bytes;
	INSERT INTO ru_bytes VALUES (bytes);
	EXECUTE format('COPY ru_bytes TO %L WITH (FORMAT binary)', '/tmp/cxsat_regress_summary_raw.bin');
	RETURN error_detail_of(format('COPY ru_summary_in FROM %L WITH (FORMAT binary)', '/tmp/cxsat_regress_summary_raw.bin'));
END $$;
SELECT what, summary_copy_error(b)
FROM (VALUES ('valid', '\x0100020000000000000001'::bytea || '\x0000000000000102'::bytea),
			 ('valid, all-zero bucket dropped', '\x010001' || decode(repeat('00', 88), 'hex')),
			 ('empty input', '\x'),
			 ('too short', '\x0100'),
			 ('version 2', '\x020000'),
			 ('unknown flag', '\x010200'),
			 ('truncated counts', '\x0100020000000000000001'),
			 ('trailing byte', '\x010000ff'),
			 ('negative count', '\x010002ff000000000000010000000000000001'),
			 ('total overflow', '\x0100027fffffffffffffff0000000000000001'),
			 ('negative weight', '\x010102' || '\x00000000000000010000000000000000'::bytea
								 || '\xbff0000000000000'::bytea || '\x0000000000000000'::bytea || '\x3ff0000000000000'::bytea),
			 ('NaN weight', '\x010102' || '\x00000000000000010000000000000000'::bytea
							|| '\x7ff8000000000000'::bytea || '\x0000000000000000'::bytea || '\x3ff0000000000000'::bytea),
			 ('weight without response', '\x010102' || '\x00000000000000010000000000000000'::bytea
										 || '\x3ff0000000000000'::bytea || '\x3ff0000000000000'::bytea || '\x3ff0000000000000'::bytea)
	 ) t(what, b);
SELECT s FROM ru_summary_in;
