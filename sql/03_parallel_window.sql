--
-- Parallel plans (Partial Aggregate under Gather, combined) give the same
-- answers as serial plans; window frames use the inverse transition and
-- agree with a recomputation of every frame.
--
CREATE TABLE par AS
SELECT i,
	   i % 97 AS grp,
	   CASE WHEN i % 53 = 0 THEN NULL ELSE (i * 7919) % 11 END AS nps_score,
	   (i::bigint * 104729 % 5)::int + 1 AS csat_score,
	   (i::bigint * 1299709 % 7)::int + 1 AS ces_score,
	   CASE i % 3 WHEN 0 THEN feedback('nps', (i * 31) % 11)
				  WHEN 1 THEN feedback('csat', (i * 17) % 5 + 1)
				  ELSE feedback('ces', (i * 13) % 7 + 1) END AS fb
FROM generate_series(1, 60000) i;
ANALYZE par;

-- serial answers
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS
SELECT nps_agg(nps_score) AS nps, csat_agg(csat_score) AS csat, ces_agg(ces_score) AS ces,
	   nps_agg(fb) AS fb_nps, csat_agg(fb) AS fb_csat, ces_agg(fb) AS fb_ces
FROM par;
CREATE TEMP TABLE serial_grouped AS
SELECT grp, nps_agg(nps_score) AS nps, csat_agg(csat_score) AS csat, ces_agg(ces_score) AS ces,
	   nps_agg(fb) AS fb_nps
FROM par GROUP BY grp;

-- forced parallel plans
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;	-- the workers must do the scanning
EXPLAIN (COSTS OFF)
SELECT nps_agg(nps_score), csat_agg(csat_score), ces_agg(ces_score), nps_agg(fb) FROM par;
CREATE TEMP TABLE parallel_total AS
SELECT nps_agg(nps_score) AS nps, csat_agg(csat_score) AS csat, ces_agg(ces_score) AS ces,
	   nps_agg(fb) AS fb_nps, csat_agg(fb) AS fb_csat, ces_agg(fb) AS fb_ces
FROM par;
SELECT (SELECT row(s.*)::text FROM serial_total s) = (SELECT row(p.*)::text FROM parallel_total p)
	   AS parallel_equals_serial;
EXPLAIN (COSTS OFF)
SELECT grp, nps_agg(nps_score) FROM par GROUP BY grp;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE s.nps IS DISTINCT FROM p.nps OR s.csat IS DISTINCT FROM p.csat
						OR s.ces IS DISTINCT FROM p.ces OR s.fb_nps IS DISTINCT FROM p.fb_nps) AS mismatches
FROM serial_grouped s
FULL JOIN (SELECT grp, nps_agg(nps_score) AS nps, csat_agg(csat_score) AS csat,
				  ces_agg(ces_score) AS ces, nps_agg(fb) AS fb_nps
		   FROM par GROUP BY grp) p USING (grp);
-- and both agree with the plain-SQL definition
SELECT abs(nps - 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
						  - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)) < 1e-9 AS nps_ok,
	   abs(csat - 100.0 * count(*) FILTER (WHERE csat_score >= 4) / count(csat_score)) < 1e-9 AS csat_ok,
	   abs(ces - avg(ces_score)) < 1e-9 AS ces_ok
FROM par, parallel_total GROUP BY nps, csat, ces;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

-- window frames: the moving aggregate against each frame recomputed in SQL
CREATE TEMP TABLE daily AS
SELECT d, CASE WHEN d % 17 = 0 THEN NULL ELSE (d * 37) % 11 END AS score,
	   (d * 13) % 5 + 1 AS csat_score, (d * 3 + d / 7) % 7 + 1 AS ces_score,
	   CASE d % 3 WHEN 0 THEN feedback('nps', (d * 5) % 11)
				  WHEN 1 THEN feedback('csat', d % 5 + 1)
				  ELSE feedback('ces', d % 7 + 1) END AS fb
FROM generate_series(1, 400) d;
-- PostgreSQL 18 and later print the frame as a "Window:" line under
-- WindowAgg; their output is expected/03_parallel_window_1.out.
EXPLAIN (COSTS OFF)
SELECT nps_agg(score) OVER (ORDER BY d ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) FROM daily;
WITH w AS (
	SELECT d,
		   nps_agg(score) OVER f AS nps, csat_agg(csat_score) OVER f AS csat,
		   ces_agg(ces_score) OVER f AS ces, nps_agg(fb) OVER f AS fb_nps,
		   csat_agg(fb) OVER f AS fb_csat, ces_agg(fb) OVER f AS fb_ces
	FROM daily
	WINDOW f AS (ORDER BY d ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
), r AS (
	SELECT o.d,
		   (SELECT 100.0 * (count(*) FILTER (WHERE i.score >= 9) - count(*) FILTER (WHERE i.score <= 6))
				   / nullif(count(i.score), 0)
			FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d) AS nps,
		   (SELECT 100.0 * count(*) FILTER (WHERE i.csat_score >= 4) / count(*)
			FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d) AS csat,
		   (SELECT avg(i.ces_score) FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d) AS ces,
		   (SELECT 100.0 * (count(*) FILTER (WHERE score(i.fb) >= 9) - count(*) FILTER (WHERE score(i.fb) <= 6))
				   / nullif(count(*), 0)
			FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d AND metric(i.fb) = 'nps') AS fb_nps,
		   (SELECT 100.0 * count(*) FILTER (WHERE score(i.fb) >= 4) / nullif(count(*), 0)
			FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d AND metric(i.fb) = 'csat') AS fb_csat,
		   (SELECT avg(score(i.fb)) FROM daily i WHERE i.d BETWEEN o.d - 29 AND o.d AND metric(i.fb) = 'ces') AS fb_ces
	FROM daily o
)
SELECT count(*) AS frames,
	   count(*) FILTER (WHERE abs(w.nps - r.nps) > 1e-9 OR (w.nps IS NULL) <> (r.nps IS NULL)) AS nps_bad,
	   count(*) FILTER (WHERE abs(w.csat - r.csat) > 1e-9) AS csat_bad,
	   count(*) FILTER (WHERE abs(w.ces - r.ces) > 1e-9) AS ces_bad,
	   count(*) FILTER (WHERE abs(w.fb_nps - r.fb_nps) > 1e-9 OR (w.fb_nps IS NULL) <> (r.fb_nps IS NULL)) AS fb_nps_bad,
	   count(*) FILTER (WHERE abs(w.fb_csat - r.fb_csat) > 1e-9 OR (w.fb_csat IS NULL) <> (r.fb_csat IS NULL)) AS fb_csat_bad,
	   count(*) FILTER (WHERE abs(w.fb_ces - r.fb_ces) > 1e-9 OR (w.fb_ces IS NULL) <> (r.fb_ces IS NULL)) AS fb_ces_bad
FROM w JOIN r USING (d);

-- frames that empty out and refill: CES on one scale, then on another
SELECT d, ces_agg(fb) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 'ces:5/5'::feedback), (2, 'ces:3/5'), (3, 'nps:1'), (4, 'nps:2'),
			 (5, 'ces:7/7'), (6, 'ces:1/7')) t(d, fb);
-- a frame holding both scales at once is an error
SELECT d, ces_agg(fb) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 'ces:5/5'::feedback), (2, 'ces:7/7')) t(d, fb);
-- RANGE frames and partitions
SELECT grp, d, nps_agg(s) OVER (PARTITION BY grp ORDER BY d RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 1, 10), (1, 2, 0), (1, 3, 9), (1, 5, 8), (2, 1, 3), (2, 2, NULL), (2, 3, 10)) t(grp, d, s)
ORDER BY grp, d;
