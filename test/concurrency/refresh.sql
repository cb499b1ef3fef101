REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
INSERT INTO refresh_log (responses, days) SELECT coalesce(sum(responses(s)), 0), count(*) FROM daily;
