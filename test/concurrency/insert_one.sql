-- one response per transaction, in the form the README shows: insert the
-- row, then merge its summary into the rollup row of its day
\set d random(0, 9)
\set x random(0, 1000000)
BEGIN;
INSERT INTO responses (day, fb)
VALUES (date '2024-01-01' + :d, feedback('nps', :x % 11))
RETURNING id \gset
INSERT INTO rollup_queue VALUES (:id, date '2024-01-01' + :d, feedback('nps', :x % 11));
INSERT INTO rollup_inline AS t
SELECT date '2024-01-01' + :d, feedback_agg(feedback('nps', :x % 11))
ON CONFLICT (day) DO UPDATE SET s = t.s + excluded.s;
COMMIT;
