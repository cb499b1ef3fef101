-- Decide with data: monthly NPS, CSAT and CES merged from the daily
-- materialized view, with 95% intervals; * marks a change from the month
-- before that is significant at the 5% level; the last column is how many
-- NPS answers a month needs for a margin of +/-5 points.
WITH monthly AS (
    SELECT date_trunc('month', day)::date AS month, feedback_agg(summary) AS s
    FROM daily_feedback
    GROUP BY 1
)
SELECT to_char(month, 'YYYY-MM') AS month,
       responses(s, 'nps') AS "nps n",
       round(nps(s)::numeric, 1) AS nps,
       round(nps_ci_lower(s)::numeric, 1) || '..' || round(nps_ci_upper(s)::numeric, 1) AS "95% ci",
       CASE WHEN nps_test(lag(s) OVER w, s) < 0.05 THEN '*' ELSE '' END AS "Δ",
       round(csat(s)::numeric, 1) AS csat,
       round(csat_ci_lower(s)::numeric, 1) || '..' || round(csat_ci_upper(s)::numeric, 1) AS "95% ci",
       CASE WHEN csat_test(lag(s) OVER w, s) < 0.05 THEN '*' ELSE '' END AS "Δ",
       round(ces(s)::numeric, 2) AS ces,
       round(ces_ci_lower(s)::numeric, 2) || '..' || round(ces_ci_upper(s)::numeric, 2) AS "95% ci",
       CASE WHEN ces_test(lag(s) OVER w, s) < 0.05 THEN '*' ELSE '' END AS "Δ",
       nps_sample_size(5, s) AS "n for ±5"
FROM monthly
WINDOW w AS (ORDER BY month)
ORDER BY month;
