-- the rollup worker: take up to 200 queued responses that no other worker
-- holds, delete them and merge their summary per day, in one statement
WITH batch AS (
	DELETE FROM rollup_queue
	WHERE id IN (SELECT id FROM rollup_queue ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED)
	RETURNING day, fb
)
INSERT INTO rollup_drained AS t
SELECT day, feedback_agg(fb) FROM batch GROUP BY day ORDER BY day
ON CONFLICT (day) DO UPDATE SET s = merge(t.s, excluded.s);
