-- Responses arrive in transactions that also keep an incremental rollup
-- by upsert (rollup_inline) and queue the response for a separate rollup
-- worker (rollup_queue -> rollup_drained).  A daily materialized view is
-- refreshed concurrently all the while.
CREATE EXTENSION cxsat;
CREATE TABLE responses (
	id bigserial PRIMARY KEY,
	day date NOT NULL,
	fb feedback NOT NULL
);
CREATE TABLE rollup_inline (day date PRIMARY KEY, s feedback_summary NOT NULL);
CREATE TABLE rollup_queue (id bigint PRIMARY KEY, day date NOT NULL, fb feedback NOT NULL);
CREATE TABLE rollup_drained (day date PRIMARY KEY, s feedback_summary NOT NULL);
CREATE MATERIALIZED VIEW daily AS
SELECT day, feedback_agg(fb) AS s FROM responses GROUP BY day;
CREATE UNIQUE INDEX daily_day ON daily (day);
-- one line per refresh, with what the view held right after it
CREATE TABLE refresh_log (n serial, responses bigint, days int);
