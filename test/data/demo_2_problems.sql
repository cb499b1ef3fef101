-- Find problems early: over the last six weeks, the channels, agents and
-- products whose CSAT differs from the rest of the company's, with the
-- p-value corrected (Holm) for making 35 comparisons at once.
WITH recent AS (
    SELECT r.fb, t.channel, a.name AS agent, p.name AS product
    FROM survey_responses AS r
    JOIN tickets AS t USING (ticket_id)
    JOIN agents AS a USING (agent_id)
    JOIN products AS p USING (product_id)
    WHERE r.responded_at >= date '2026-12-01' - 42
      AND r.responded_at < date '2026-12-01'
), groups AS (
    SELECT 'channel' AS kind, channel AS name, feedback_agg(fb) AS s FROM recent GROUP BY channel
    UNION ALL
    SELECT 'agent', agent, feedback_agg(fb) FROM recent GROUP BY agent
    UNION ALL
    SELECT 'product', product, feedback_agg(fb) FROM recent GROUP BY product
), tested AS (
    SELECT g.kind, g.name, g.s, c.total,
           p_adjust_holm(csat_test_vs_rest(g.s, c.total)) OVER () AS p_holm
    FROM groups AS g
    CROSS JOIN (SELECT feedback_agg(fb) AS total FROM recent) AS c
)
SELECT kind, name,
       responses(s, 'csat') AS "csat n",
       round(csat(s)::numeric, 1) AS csat,
       round(csat(total - s)::numeric, 1) AS "rest of company",
       CASE WHEN csat(s) < csat(total - s) THEN 'worse' ELSE 'better' END AS verdict,
       CASE WHEN p_holm < 0.001 THEN '< 0.001' ELSE to_char(p_holm, 'FM0.000') END AS "p (Holm)"
FROM tested
WHERE p_holm < 0.05
ORDER BY p_holm, kind, name;
