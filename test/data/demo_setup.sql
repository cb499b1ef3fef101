-- demo_setup.sql: what the demo builds on top of crm.sql, the way a
-- production database would have it: a daily rollup of feedback_summary
-- values in a materialized view, refreshed every night by pg_cron.

-- one row per day; a summary holds every score count of every metric
CREATE MATERIALIZED VIEW daily_feedback AS
SELECT (responded_at AT TIME ZONE 'UTC')::date AS day,
       feedback_agg(fb) AS summary
FROM survey_responses
GROUP BY 1;

-- REFRESH ... CONCURRENTLY needs a unique index
CREATE UNIQUE INDEX daily_feedback_day ON daily_feedback (day);

SELECT cron.schedule('refresh-daily-feedback', '10 2 * * *',
                     'REFRESH MATERIALIZED VIEW CONCURRENTLY public.daily_feedback') \g /dev/null
