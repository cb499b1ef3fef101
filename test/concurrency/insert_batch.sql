-- three responses in one statement; the same statement upserts their
-- summary per day into the inline rollup and queues them for the worker
\set d1 random(0, 9)
\set d2 random(0, 9)
\set d3 random(0, 9)
\set x random(0, 1000000)
WITH v(day, fb) AS (
	VALUES (date '2024-01-01' + :d1, feedback('nps', :x % 11)),
		   (date '2024-01-01' + :d2, feedback('csat', :x % 5 + 1)),
		   (date '2024-01-01' + :d3, CASE WHEN :x % 2 = 0 THEN feedback('ces', :x % 7 + 1)
										  ELSE feedback('csat', :x % 10 + 1, 10) END)
), ins AS (
	INSERT INTO responses (day, fb) SELECT day, fb FROM v RETURNING id, day, fb
), queued AS (
	INSERT INTO rollup_queue SELECT id, day, fb FROM ins
)
INSERT INTO rollup_inline AS t
SELECT day, feedback_agg(fb) FROM ins GROUP BY day ORDER BY day
ON CONFLICT (day) DO UPDATE SET s = merge(t.s, excluded.s);
