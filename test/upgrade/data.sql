-- A database of cxsat data as a user keeps it, using only what 0.1.0
-- offers (so it loads into 0.1.0 and every later version): feedback and
-- feedback_summary columns, a btree index on feedback, a hash index on
-- summaries, hash partitions on feedback, stored tallies built by a user
-- aggregate, a daily materialized view with a unique index, a view over
-- nps_agg.  Loaded after CREATE EXTENSION by test/suites/30_upgrade.sh and
-- test/versions/pg_upgrade.sh.
CREATE TABLE responses (
	id int PRIMARY KEY,
	day date NOT NULL,
	segment text NOT NULL,
	fb feedback,
	w float8
);
INSERT INTO responses
SELECT g, date '2024-01-01' + g % 45, (ARRAY['retail', 'business', 'public'])[1 + g % 3],
	   CASE WHEN g % 97 = 0 THEN NULL
			WHEN g % 4 = 0 THEN feedback('nps', (g * 7) % 11)
			WHEN g % 4 = 1 THEN feedback('csat', (g * 7) % 10 + 1, 10)
			WHEN g % 4 = 2 THEN feedback('csat', (g * 3) % 5 + 1)
			ELSE feedback('ces', (g * 3) % 7 + 1) END,
	   CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 9) / 4.0 END
FROM generate_series(1, 20000) g;
CREATE INDEX responses_fb ON responses (fb);
-- one metric only, for range conditions on the index
CREATE TABLE nps_only AS SELECT id, fb FROM responses WHERE metric(fb) = 'nps';
CREATE INDEX nps_only_fb ON nps_only (fb);

CREATE TABLE rollup (
	month date,
	segment text,
	s feedback_summary NOT NULL,
	weighted feedback_summary,
	PRIMARY KEY (month, segment)
);
INSERT INTO rollup
SELECT date_trunc('month', day), segment, feedback_agg(fb), feedback_agg(fb, w)
FROM responses GROUP BY 1, 2;
INSERT INTO rollup VALUES ('1999-01-01', 'none', '{}', NULL),
	('1999-02-01', 'big', '{"nps":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', NULL);

-- stored tallies: typed in, and built by a user aggregate over the 0.1.0
-- transition function (a user object that depends on the extension's)
CREATE AGGREGATE nps_tally(feedback) (SFUNC = feedback_tally_add, STYPE = feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0');
CREATE TABLE tallies (id int PRIMARY KEY, t feedback_tally);
INSERT INTO tallies
SELECT row_number() OVER (ORDER BY segment), nps_tally(fb) FROM responses GROUP BY segment;
INSERT INTO tallies VALUES
	(10, 'metric=csat scale=mixed positive=9 neutral=9 negative=9 score_sum=107'),
	(11, 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0'),
	(12, 'metric=nps scale=10 positive=0 neutral=0 negative=9223372036854775807 score_sum=0'),
	(13, NULL);

-- hash values are stored too: a hash index on summaries, a table
-- hash-partitioned on feedback
CREATE INDEX rollup_s_hash ON rollup USING hash (s);
CREATE TABLE by_hash (id int, fb feedback) PARTITION BY HASH (fb);
CREATE TABLE by_hash_0 PARTITION OF by_hash FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE by_hash_1 PARTITION OF by_hash FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE by_hash_2 PARTITION OF by_hash FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE by_hash_3 PARTITION OF by_hash FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO by_hash SELECT id, fb FROM responses WHERE fb IS NOT NULL;

CREATE MATERIALIZED VIEW daily AS
SELECT day, segment, feedback_agg(fb) AS s, nps(feedback_agg(fb)) AS nps
FROM responses GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_key ON daily (day, segment);
CREATE VIEW segment_metrics AS
SELECT segment, nps_agg(fb) AS nps, csat_agg(fb) AS csat, count(fb) AS responses,
	   nps_agg(fb) FILTER (WHERE w > 1) AS nps_heavy
FROM responses GROUP BY segment;
ANALYZE;
