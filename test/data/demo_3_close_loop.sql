-- Close the loop: detractors asked again 30 days later, by whether an
-- account manager called them in between.  change_agg counts each
-- customer's move between categories; the test is paired (same customers).
SELECT CASE WHEN called THEN 'called' ELSE 'not called' END AS follow_up,
       pairs(c) AS customers,
       moved_up(c) AS "moved up",
       unchanged(c) AS "still detractors",
       round(nps_after::numeric, 1) AS "nps after",
       round(nps_change(c)::numeric, 1) AS "nps change",
       round(nps_change_ci_lower(c)::numeric, 1) || ' .. ' ||
           round(nps_change_ci_upper(c)::numeric, 1) AS "95% interval",
       CASE WHEN nps_change_test(c) < 0.001 THEN '< 0.001'
            ELSE to_char(nps_change_test(c), 'FM0.000') END AS p
FROM (
    SELECT f.response_id IS NOT NULL AS called,
           change_agg(before.fb, after.fb) AS c,
           nps_agg(after.fb) AS nps_after
    FROM invitations AS i
    JOIN survey_responses AS after USING (invitation_id)
    JOIN survey_responses AS before ON before.response_id = i.resurvey_of
    LEFT JOIN follow_ups AS f ON f.response_id = i.resurvey_of
    WHERE i.survey = 'resurvey'
    GROUP BY 1
) AS loop
ORDER BY called DESC;
