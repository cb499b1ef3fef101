-- After the run: drain what is left in the queue, refresh the view once
-- more, and compare every rollup with the raw rows.  One line per check:
-- name|t or f|detail.
\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
DO $$
BEGIN
	LOOP
		WITH batch AS (DELETE FROM rollup_queue RETURNING day, fb)
		INSERT INTO rollup_drained AS t
		SELECT day, feedback_agg(fb) FROM batch GROUP BY day
		ON CONFLICT (day) DO UPDATE SET s = merge(t.s, excluded.s);
		EXIT WHEN NOT EXISTS (SELECT FROM rollup_queue);
	END LOOP;
END $$;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;

-- per day and metric: plain count(*) over the raw rows against each rollup
CREATE TEMP TABLE per_metric AS
SELECT r.day, r.metric, r.n,
	   (SELECT responses(s, r.metric) FROM daily d WHERE d.day = r.day) AS in_view,
	   (SELECT responses(s, r.metric) FROM rollup_inline i WHERE i.day = r.day) AS in_inline,
	   (SELECT responses(s, r.metric) FROM rollup_drained q WHERE q.day = r.day) AS in_drained
FROM (SELECT day, m.metric, count(*) FILTER (WHERE metric(fb) = m.metric) AS n
	  FROM responses, (VALUES ('nps'), ('csat'), ('ces')) m(metric)
	  GROUP BY day, m.metric) r;

SELECT 'rows', true, count(*) FROM responses;
SELECT 'queue drained', count(*) = 0, count(*) FROM rollup_queue;
SELECT 'metric ' || metric || ': view = raw', bool_and(in_view = n), sum(n) || ' raw, ' || sum(in_view) || ' in view'
FROM per_metric GROUP BY metric;
SELECT 'metric ' || metric || ': upsert rollup = raw', bool_and(in_inline = n), sum(n) || ' raw, ' || sum(in_inline) || ' in rollup'
FROM per_metric GROUP BY metric;
SELECT 'metric ' || metric || ': worker rollup = raw', bool_and(in_drained = n), sum(n) || ' raw, ' || sum(in_drained) || ' in rollup'
FROM per_metric GROUP BY metric;
-- every score point: the summaries equal the summary of the raw rows
SELECT 'every score point of every day equal in view and both rollups',
	   count(*) = (SELECT count(DISTINCT day) FROM responses)
	   AND bool_and(r.s = d.s AND r.s = i.s AND r.s = q.s),
	   count(*) || ' days'
FROM (SELECT day, feedback_agg(fb) AS s FROM responses GROUP BY day) r
FULL JOIN daily d USING (day) FULL JOIN rollup_inline i USING (day) FULL JOIN rollup_drained q USING (day);
SELECT 'refreshes ran during the load and never went backwards',
	   count(*) >= 2 AND bool_and(responses >= prev),
	   count(*) || ' refreshes, last saw ' || max(responses) || ' responses'
FROM (SELECT responses, lag(responses, 1, 0::bigint) OVER (ORDER BY n) AS prev FROM refresh_log) l;
