-- Cast every generated hostile input with its type's input function, in
-- one session, and keep the outcome: the SQLSTATE of the error or the text
-- the value prints as.  Run by test/suites/55_hostile.sh with
-- the generated file on standard input; the suite then compares outcome and expectation.
\set ON_ERROR_STOP 1
CREATE TEMP TABLE hostile_input (
	id int PRIMARY KEY,
	typ text NOT NULL,
	class text NOT NULL,
	expect text NOT NULL,
	input text NOT NULL
);
\copy hostile_input FROM pstdin
CREATE TEMP TABLE hostile_result (
	id int PRIMARY KEY,
	state text NOT NULL,	-- SQLSTATE, or 'ok'
	value text,				-- output text when accepted
	message text
);
DO $$
DECLARE
	r record;
	v text;
	st text;
	msg text;
BEGIN
	FOR r IN SELECT * FROM hostile_input ORDER BY id LOOP
		BEGIN
			-- text to the type goes through the type's input function
			EXECUTE pg_catalog.format('SELECT ($1::%s)::text', r.typ) INTO v USING r.input;
			INSERT INTO hostile_result VALUES (r.id, 'ok', v, NULL);
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO hostile_result VALUES (r.id, st, NULL, msg);
		END;
	END LOOP;
END $$;

\pset footer off
\pset format unaligned
\pset fieldsep '|'
\pset tuples_only on
-- one line per (type, class): inputs, those as expected, errors raised
\echo SUMMARY
SELECT i.typ, i.class, count(*),
	   count(*) FILTER (WHERE (i.expect LIKE 'ok:%' AND r.state = 'ok' AND r.value = substr(i.expect, 4))
						   OR (i.expect NOT LIKE 'ok:%' AND r.state = i.expect)),
	   count(*) FILTER (WHERE r.state <> 'ok')
FROM hostile_input i JOIN hostile_result r USING (id)
GROUP BY 1, 2 ORDER BY 1, 2;
\echo MISMATCHES
SELECT i.id, i.typ, i.class, i.expect, r.state, coalesce(r.value, r.message),
	   pg_catalog.left(i.input, 80)
FROM hostile_input i JOIN hostile_result r USING (id)
WHERE NOT ((i.expect LIKE 'ok:%' AND r.state = 'ok' AND r.value = substr(i.expect, 4))
		   OR (i.expect NOT LIKE 'ok:%' AND r.state = i.expect))
ORDER BY i.id LIMIT 25;
\echo LONGEST_MESSAGE
SELECT coalesce(max(length(message)), 0) FROM hostile_result;
\echo END
