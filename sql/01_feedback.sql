--
-- The feedback type: input, output, constructor, accessors, ordering,
-- indexes, binary round trip, and every error with its SQLSTATE.
--
CREATE EXTENSION cxsat;

-- error_of(query): the SQLSTATE and message a query fails with, so that
-- expected output shows SQLSTATEs without server source locations
CREATE FUNCTION error_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- canonical output: lower case, scale shown for csat and ces only
SELECT v::feedback AS fb
FROM (VALUES ('nps:9'), ('NPS:0'), ('  nps : 10  '), ('nps:7/10'),
			 ('csat:4'), ('CSAT:4/5'), ('csat:good'), ('csat:BAD'),
			 ('csat:3/3'), ('csat:6/7'), ('csat:10/10'),
			 ('ces:6'), ('ces:5/5'), ('Ces : 1 / 7')) t(v);

-- accessors and categories, one row per category boundary
SELECT fb, metric(fb), score(fb), scale(fb), category(fb)
FROM (VALUES ('nps:0'::feedback), ('nps:6'), ('nps:7'), ('nps:8'), ('nps:9'), ('nps:10'),
			 ('csat:1/2'), ('csat:2/2'), ('csat:1/3'), ('csat:2/3'), ('csat:3/3'),
			 ('csat:2/5'), ('csat:3/5'), ('csat:4/5'),
			 ('csat:2/7'), ('csat:3/7'), ('csat:5/7'), ('csat:6/7'),
			 ('csat:3/10'), ('csat:4/10'), ('csat:7/10'), ('csat:8/10'),
			 ('ces:2/5'), ('ces:3/5'), ('ces:4/5'),
			 ('ces:3/7'), ('ces:4/7'), ('ces:5/7')) t(fb);

-- the constructor: a NULL scale means the default, NULL metric or score gives NULL
SELECT feedback('nps', 9), feedback('CSAT', 4), feedback('csat', 7, 10),
	   feedback('ces', 3), feedback('ces', 3, 5), feedback('csat', 2, NULL);
SELECT feedback(NULL, 9) IS NULL AS null_metric, feedback('nps', NULL) IS NULL AS null_score;

-- input errors: malformed text is 22P02, out-of-range is 22003
SELECT v, error_of(format('SELECT %L::feedback', v))
FROM (VALUES (''), ('nps'), ('nps:'), ('nps 9'), ('nps:9x'), ('nps:nine'), ('xyz:3'),
			 ('ces:good'), ('csat:good/2'), ('nps:9/'),
			 ('nps:11'), ('nps:-1'), ('nps:9/7'), ('csat:0'), ('csat:6'), ('csat:3/4'),
			 ('ces:8'), ('ces:3/10'), ('nps:123456789012345678901234567890')) t(v);
-- the full report of one of each
SELECT 'nps:11'::feedback;
SELECT 'nps:nine'::feedback;
SELECT 'csat:4/6'::feedback;
SELECT feedback('promoter', 9);
SELECT error_of($$SELECT feedback('csat', 4, 4)$$), error_of($$SELECT feedback('ces', 0)$$);

-- ordering: metric, then scale, then score
SELECT array_agg(fb ORDER BY fb)
FROM (VALUES ('ces:1/5'::feedback), ('nps:10'), ('csat:5/5'), ('csat:2/2'),
			 ('nps:0'), ('csat:1/5'), ('ces:7/7')) t(fb);
SELECT 'nps:9'::feedback = 'NPS: 9', 'nps:9'::feedback <> 'nps:10',
	   'nps:9'::feedback < 'nps:10', feedback_cmp('csat:5/5', 'nps:10') > 0,
	   'csat:2/2'::feedback <= 'csat:good', 'ces:7'::feedback >= 'ces:1/7';
-- across metrics or scales the ordering operators refuse (06_traps tests more)
SELECT error_of($$SELECT 'csat:5/5'::feedback > 'nps:10'$$),
	   error_of($$SELECT 'csat:5/5'::feedback > 'csat:5/7'$$);

-- a table with a feedback column: btree index, hash grouping, DISTINCT
CREATE TABLE fb_sample AS
SELECT i, CASE i % 3 WHEN 0 THEN feedback('nps', i % 11)
					 WHEN 1 THEN feedback('csat', i % 5 + 1)
					 ELSE feedback('ces', i % 7 + 1) END AS fb
FROM generate_series(1, 3000) i;
CREATE INDEX fb_sample_fb ON fb_sample (fb);
ANALYZE fb_sample;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM fb_sample WHERE fb = 'nps:9';
SELECT count(*) FROM fb_sample WHERE fb = 'nps:9';
SELECT error_of($$SELECT count(*) FROM fb_sample WHERE fb >= 'csat:1/5' AND fb < 'ces:1/5'$$);
SELECT count(*) FROM fb_sample WHERE metric(fb) = 'csat' AND fb >= 'csat:4/5';
RESET enable_seqscan;
-- the same counts without the index, from the integer column
SELECT count(*) FILTER (WHERE i % 3 = 0 AND i % 11 = 9) AS nps9,
	   count(*) FILTER (WHERE i % 3 = 1) AS csat,
	   count(*) FILTER (WHERE i % 3 = 1 AND i % 5 + 1 >= 4) AS csat_4_or_5
FROM fb_sample;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT fb, count(*) FROM fb_sample GROUP BY fb;
SELECT count(*) AS groups, sum(n) AS rows FROM (SELECT fb, count(*) AS n FROM fb_sample GROUP BY fb) g;
RESET enable_sort;
SELECT count(DISTINCT fb) AS distinct_values FROM fb_sample;
SELECT fb FROM fb_sample UNION SELECT 'nps:9' ORDER BY fb LIMIT 3;

-- binary send/receive: COPY out and back in, compare
CREATE TABLE fb_copy (LIKE fb_sample);
\set copyfile '/tmp/cxsat_regress_feedback.bin'
COPY fb_sample TO :'copyfile' WITH (FORMAT binary);
COPY fb_copy FROM :'copyfile' WITH (FORMAT binary);
SELECT count(*) AS copied,
	   count(*) FILTER (WHERE c.fb IS DISTINCT FROM s.fb) AS different
FROM fb_copy c FULL JOIN fb_sample s USING (i);
SELECT feedback_send('csat:4/7');
-- text round trip of every value
SELECT count(*) FILTER (WHERE fb::text::feedback <> fb) AS text_mismatches FROM fb_sample;
-- malformed binary input: a bytea column has the same COPY binary layout
-- as a feedback column, so its bytes become the feedback wire form
CREATE TABLE fb_raw (i int, b bytea);
CREATE TABLE fb_in (i int, fb feedback);
CREATE FUNCTION copy_error(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE fb_raw;
	INSERT INTO fb_raw VALUES (1, bytes);
	EXECUTE format('COPY fb_raw TO %L WITH (FORMAT binary)', '/tmp/cxsat_regress_raw.bin');
	RETURN error_of(format('COPY fb_in FROM %L WITH (FORMAT binary)', '/tmp/cxsat_regress_raw.bin'));
END $$;
SELECT b, copy_error(b)
FROM (VALUES ('\x010a09'::bytea), ('\x01090a'), ('\x010a0b'), ('\x010709'), ('\x0105'), ('\x01020304'),
			 ('\x'), ('\x090501'), ('\x000a01'), ('\x030507'), ('\x020200')) t(b);
SELECT * FROM fb_in;
