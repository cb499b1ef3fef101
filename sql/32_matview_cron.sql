--
-- The materialized-view workflow: a daily view of summaries per segment,
-- REFRESH MATERIALIZED VIEW CONCURRENTLY with a unique index, monthly and
-- per-segment figures from the view equal to the raw rows, and the refresh
-- scheduled with pg_cron.
--

CREATE TABLE mv_responses (
	id int PRIMARY KEY,
	answered_at timestamp NOT NULL,
	segment text NOT NULL,
	fb feedback
);
INSERT INTO mv_responses
SELECT g, timestamp '2024-01-01' + (sm_hash(g, 11) % (60 * 24 * 60)) * interval '1 minute',
	   (ARRAY['retail', 'business', 'public'])[1 + sm_hash(g, 12) % 3],
	   CASE WHEN g % 3 = 0 THEN feedback('nps', sm_hash(g, 13) % 11)
			WHEN g % 3 = 1 THEN feedback('csat', sm_hash(g, 14) % 5 + 1)
			ELSE feedback('ces', sm_hash(g, 15) % 7 + 1) END
FROM generate_series(1, 9000) g;

CREATE MATERIALIZED VIEW mv_daily AS
SELECT answered_at::date AS day, segment, feedback_agg(fb) AS summary
FROM mv_responses GROUP BY 1, 2;
CREATE UNIQUE INDEX mv_daily_key ON mv_daily (day, segment);
SELECT count(*) AS daily_rows, sum(responses(summary)) AS responses FROM mv_daily;

-- monthly and per-segment figures from the daily view equal the raw rows
SELECT date_trunc('month', day)::date AS month, segment,
	   nps_agg(summary) AS nps, csat_agg(summary) AS csat, ces_agg(summary) AS ces
FROM mv_daily GROUP BY 1, 2 ORDER BY 1, 2;
SELECT date_trunc('month', answered_at)::date AS month, segment,
	   count(*) FILTER (WHERE metric(fb) = 'nps') AS nps_n,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) >= 9) AS promoters,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) <= 6) AS detractors,
	   count(*) FILTER (WHERE metric(fb) = 'csat') AS csat_n,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND score(fb) >= 4) AS satisfied,
	   count(*) FILTER (WHERE metric(fb) = 'ces') AS ces_n,
	   sum(score(fb)) FILTER (WHERE metric(fb) = 'ces') AS ces_sum
FROM mv_responses GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE v.nps = r.nps AND v.csat = r.csat AND v.ces = r.ces AND v.s = r.s) AS equal
FROM (SELECT date_trunc('month', day)::date AS month, segment, nps_agg(summary) AS nps,
			 csat_agg(summary) AS csat, ces_agg(summary) AS ces, feedback_agg(summary) AS s
	  FROM mv_daily GROUP BY 1, 2) v
JOIN (SELECT date_trunc('month', answered_at)::date AS month, segment, nps_agg(fb) AS nps,
			 csat_agg(fb) AS csat, ces_agg(fb) AS ces, feedback_agg(fb) AS s
	  FROM mv_responses GROUP BY 1, 2) r USING (month, segment);

-- REFRESH ... CONCURRENTLY rewrites only the rows whose summary changed:
-- the stored form is canonical, so a recomputed unchanged summary has the
-- same bytes and its row keeps its place
CREATE TEMP TABLE mv_before AS SELECT day, segment, ctid AS tid, summary FROM mv_daily;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily;
SELECT count(*) AS rows, count(*) FILTER (WHERE v.ctid = b.tid) AS untouched
FROM mv_daily v JOIN mv_before b USING (day, segment);
INSERT INTO mv_responses VALUES (9001, '2024-01-10 09:00', 'retail', 'nps:10'),
								(9002, '2024-01-10 17:30', 'retail', 'csat:2/5'),
								(9003, '2024-02-20 08:15', 'public', NULL);
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily;
SELECT count(*) AS rows, count(*) FILTER (WHERE v.ctid = b.tid) AS untouched,
	   string_agg(day || ' ' || segment, ', ') FILTER (WHERE v.ctid <> b.tid) AS rewritten
FROM mv_daily v JOIN mv_before b USING (day, segment);
SELECT v.summary = b.summary + '{"nps":[0,0,0,0,0,0,0,0,0,0,1],"csat/5":[0,1,0,0,0]}' AS added_exactly
FROM mv_daily v JOIN mv_before b USING (day, segment)
WHERE day = '2024-01-10' AND segment = 'retail';

-- scheduling the refresh with pg_cron (minute granularity)
CREATE EXTENSION IF NOT EXISTS pg_cron;
SELECT cron.schedule('cxsat-refresh-daily', '*/15 * * * *',
					 'REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily') > 0 AS scheduled;
SELECT jobname, schedule, command, active, database = current_database() AS this_database,
	   username = current_user AS this_user
FROM cron.job WHERE jobname = 'cxsat-refresh-daily';
-- new responses arrive
CREATE TEMP TABLE mv_snapshot AS SELECT * FROM mv_daily;
INSERT INTO mv_responses
SELECT g, timestamp '2024-02-01' + (g % 29) * interval '1 day', 'business', feedback('nps', g % 11)
FROM generate_series(10001, 10290) g;
-- run the registered command exactly as the scheduler would
DO $$
BEGIN
	EXECUTE (SELECT command FROM cron.job WHERE jobname = 'cxsat-refresh-daily');
END $$;
-- the view changed in exactly the 29 February 'business' days and now
-- equals a fresh aggregation of the responses
SELECT count(*) FILTER (WHERE n.summary IS DISTINCT FROM o.summary) AS changed_rows,
	   count(*) FILTER (WHERE n.summary IS DISTINCT FROM o.summary
							AND (n.segment <> 'business' OR n.day < '2024-02-01')) AS changed_elsewhere,
	   sum(responses(n.summary) - responses(o.summary)) AS new_responses
FROM mv_daily n JOIN mv_snapshot o USING (day, segment);
SELECT count(*) AS rows,
	   count(*) FILTER (WHERE v.summary = f.summary) AS equal_to_fresh
FROM mv_daily v
FULL JOIN (SELECT answered_at::date AS day, segment, feedback_agg(fb) AS summary
		   FROM mv_responses GROUP BY 1, 2) f USING (day, segment);
SELECT cron.unschedule('cxsat-refresh-daily');
SELECT count(*) AS jobs_left FROM cron.job WHERE jobname = 'cxsat-refresh-daily';
DROP EXTENSION pg_cron;
