-- Follow-up: last week's detractors and dissatisfied customers, worst first,
-- with who to call, the agent who handled the ticket and what they wrote.
SELECT to_char(r.responded_at, 'Dy MM-DD') AS answered,
       r.fb,
       c.contact_name,
       c.email,
       a.name AS agent,
       r.comment
FROM survey_responses AS r
JOIN customers AS c USING (customer_id)
LEFT JOIN tickets AS t USING (ticket_id)
LEFT JOIN agents AS a USING (agent_id)
WHERE r.responded_at >= date '2026-12-01' - 7
  AND r.responded_at < date '2026-12-01'
  AND r.metric IN ('nps', 'csat')
  AND polarity(r.fb) = 'negative'
-- worst first (0 = the bottom of its scale, whatever the scale), then newest
ORDER BY CASE r.metric WHEN 'nps' THEN r.score / 10.0
                       ELSE (r.score - 1.0) / (r.scale - 1) END,
         r.responded_at DESC, r.response_id
LIMIT 10;
