--
-- Soft input errors.  On PostgreSQL 16 and later the input functions of
-- feedback, feedback_tally and feedback_summary report a malformed value to
-- pg_input_is_valid() and pg_input_error_info() instead of raising it, so
-- an import can test a value without failing the query.  14 and 15 have
-- neither function: their output is expected/07_soft_input_1.out, and
-- feedback_or_null() (06_traps) is the way there.
--
SELECT v, pg_input_is_valid(v, 'feedback') AS valid
FROM (VALUES ('nps:9'), ('nps:11'), ('csat:good'), ('csat:4/5'), ('csat:6/5'),
			 ('ces:0'), ('bogus'), (''), ('nps:99999999999')) t(v);
SELECT v, e.message, e.sql_error_code
FROM (VALUES ('nps:11'), ('bogus'), ('csat:6/5')) t(v),
	 LATERAL pg_input_error_info(v, 'feedback') e;
-- the answer agrees with the cast, value by value; by hand: nps and NPS
-- (metric names are case-insensitive) 0..10 = 2 x 11, csat 1..5, ces 1..7,
-- so 34 of 75 texts are valid
SELECT count(*) AS texts,
	   count(*) FILTER (WHERE pg_input_is_valid(v, 'feedback')) AS valid,
	   count(*) FILTER (WHERE pg_input_is_valid(v, 'feedback') <> (feedback_or_null(v) IS NOT NULL)) AS disagree
FROM (SELECT m || ':' || s AS v
	  FROM unnest(ARRAY['nps', 'csat', 'ces', 'NPS', 'xyz']) m,
		   generate_series(-2, 12) s) t;
SELECT v, pg_input_is_valid(v, 'feedback_summary') AS valid
FROM (VALUES ('{"nps":[1,0,0,0,0,0,0,0,0,0,2]}'), ('{"nps":[1,2]}'), ('{"csat/4":[1,2,3,4]}'),
			 ('{"nps":[-1,0,0,0,0,0,0,0,0,0,0]}'), ('{')) t(v);
SELECT * FROM pg_input_error_info('{"nps":[1,2]}', 'feedback_summary');
SELECT v, pg_input_is_valid(v, 'feedback_tally') AS valid
FROM (VALUES ('metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0'),
			 ('metric=nps scale=none positive=-1 neutral=0 negative=0 score_sum=0'),
			 ('metric=bogus')) t(v);
-- errors that are not about the input text still raise
SELECT pg_input_is_valid('nps:9', 'no_such_type');
