-- crm.sql: a deterministic, realistic CRM data set for cxsat.
--
--   psql -X -v ON_ERROR_STOP=1 -f test/data/crm.sql                    # 300,000 responses
--   psql -X -v ON_ERROR_STOP=1 -v responses=10000000 -f test/data/crm.sql
--   psql ... -v customers=5000 ...                                     # default 20,000
--
-- Builds (dropping any earlier copy, and whatever depends on it):
--   regions           4 sales regions
--   channels          5 survey channels
--   customers         accounts with region, segment, plan, seats, signup date,
--                     account manager and a CRM health score
--   survey_responses  one year of survey answers, 2025-12-01 .. 2026-11-30 UTC:
--                     about 51% NPS (0..10), 29% CSAT (1..5, or the 2-point
--                     good/bad rating after chat conversations) and 20% CES
--                     (1..7); 1.5% of scores are NULL (question skipped).
--                     metric/score/scale are plain columns, so every number
--                     can be checked with plain SQL; when the cxsat extension
--                     is installed in the database, fb holds the same answer
--                     as a feedback value (NULL where score is NULL).
--
-- No random(): every value comes from hashint8extended() of the row number
-- and a per-attribute salt, so every run on every machine gives the same rows.
-- Scores follow a latent satisfaction that depends on region, channel,
-- segment, the customer and the month: North America is happiest, Latin
-- America starts lowest and recovers after a local support team starts in
-- May 2026, phone support scores lowest, and an outage in March 2026 dents
-- every metric for two months.  Response volume grows through the year and
-- response_id follows responded_at, as in a table filled as answers arrive.

\set ON_ERROR_STOP on
\if :{?responses}
\else
\set responses 300000
\endif
\if :{?customers}
\else
\set customers 20000
\endif

SET client_min_messages = warning;

-- A uniform number in (0, 1) from a row number and a salt.  Only 31 bits of
-- the hash are used, which is plenty for the choices made here.
CREATE FUNCTION pg_temp.crm_u(n bigint, salt bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((pg_catalog.hashint8extended(n, salt) & 2147483647)::double precision + 0.5)
	/ 2147483648.0::double precision;

-- A standard normal deviate (Box-Muller) from a row number and a salt.
CREATE FUNCTION pg_temp.crm_n(n bigint, salt bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sqrt(-2.0::double precision * ln(pg_temp.crm_u(n, salt)))
	* cos(2.0::double precision * pi() * pg_temp.crm_u(n, salt + 1000));

-- Is the feedback type there?  Then survey_responses gets an fb column.
SELECT pg_catalog.to_regtype('feedback') IS NOT NULL AS crm_has_cxsat \gset
\if :crm_has_cxsat
\set crm_fb_column ', fb feedback'
\set crm_fb_insert ', fb'
\set crm_fb_value ', CASE WHEN score IS NOT NULL THEN feedback(metric, score, scale) END'
\else
\echo 'crm.sql: the cxsat extension is not installed in this database; survey_responses gets no fb column'
\set crm_fb_column ''
\set crm_fb_insert ''
\set crm_fb_value ''
\endif

DROP TABLE IF EXISTS survey_responses, customers, channels, regions CASCADE;

CREATE TABLE regions (
	region		text PRIMARY KEY,
	name		text NOT NULL
);

INSERT INTO regions VALUES
	('NA', 'North America'),
	('EMEA', 'Europe, Middle East and Africa'),
	('APAC', 'Asia-Pacific'),
	('LATAM', 'Latin America');

CREATE TABLE channels (
	channel		text PRIMARY KEY,
	description	text NOT NULL
);

INSERT INTO channels VALUES
	('email', 'relationship survey sent by email'),
	('in-app', 'prompt inside the product'),
	('web', 'survey link in the help center'),
	('chat', 'rating after a live-chat conversation'),
	('phone', 'IVR survey after a support call');

CREATE TABLE customers (
	customer_id		integer PRIMARY KEY,
	name			text NOT NULL,
	region			text NOT NULL REFERENCES regions,
	segment			text NOT NULL CHECK (segment IN ('Enterprise', 'Mid-Market', 'SMB')),
	plan			text NOT NULL,
	seats			integer NOT NULL,
	signup_date		date NOT NULL,
	account_manager	text NOT NULL,
	health_score	integer NOT NULL CHECK (health_score BETWEEN 0 AND 100)
);

-- Customer ids follow signup order: 85% signed up between 2018 and the start
-- of the survey year (at a growing pace), 15% are new during the year.
INSERT INTO customers
SELECT c.id,
	(ARRAY['Blue', 'North', 'Silver', 'Bright', 'Rapid', 'Green', 'Atlas',
		   'Summit', 'Harbor', 'Cedar', 'Nova', 'Pioneer', 'Copper', 'Vertex',
		   'Lumen', 'Orbit', 'Granite', 'Maple', 'Crescent', 'Falcon'])[1 + floor(20 * pg_temp.crm_u(c.id, 11))::int]
	|| ' ' ||
	(ARRAY['Logistics', 'Analytics', 'Foods', 'Health', 'Systems', 'Retail',
		   'Labs', 'Energy', 'Media', 'Travel', 'Insurance', 'Robotics',
		   'Apparel', 'Finance', 'Software', 'Telecom'])[1 + floor(16 * pg_temp.crm_u(c.id, 12))::int]
	|| ' ' ||
	CASE r.region
		WHEN 'NA' THEN (ARRAY['Inc.', 'LLC', 'Corp.'])[1 + floor(3 * pg_temp.crm_u(c.id, 13))::int]
		WHEN 'EMEA' THEN (ARRAY['GmbH', 'Ltd', 'SAS', 'B.V.', 'AB'])[1 + floor(5 * pg_temp.crm_u(c.id, 13))::int]
		WHEN 'APAC' THEN (ARRAY['Pty Ltd', 'Pte. Ltd.', 'K.K.'])[1 + floor(3 * pg_temp.crm_u(c.id, 13))::int]
		ELSE (ARRAY['S.A.', 'Ltda.', 'S.A. de C.V.'])[1 + floor(3 * pg_temp.crm_u(c.id, 13))::int]
	END,
	r.region,
	s.segment,
	CASE s.segment
		WHEN 'Enterprise' THEN 'Enterprise'
		WHEN 'Mid-Market' THEN (ARRAY['Business', 'Pro'])[1 + floor(2 * pg_temp.crm_u(c.id, 14))::int]
		ELSE (ARRAY['Starter', 'Starter', 'Pro'])[1 + floor(3 * pg_temp.crm_u(c.id, 14))::int]
	END,
	-- seats: log-uniform within the segment's range
	CASE s.segment
		WHEN 'Enterprise' THEN round(500 * power(10, pg_temp.crm_u(c.id, 15)))
		WHEN 'Mid-Market' THEN round(50 * power(10, pg_temp.crm_u(c.id, 15)))
		ELSE round(2 * power(25, pg_temp.crm_u(c.id, 15)))
	END::int,
	CASE WHEN c.frac <= 0.85
		THEN date '2018-01-01' + floor(power(c.frac / 0.85, 0.6) * (date '2025-12-01' - date '2018-01-01'))::int
		ELSE date '2025-12-01' + least(364, floor((c.frac - 0.85) / 0.15 * 365)::int)
	END,
	CASE r.region
		WHEN 'NA' THEN (ARRAY['Dana Whitfield', 'Marcus Bell', 'Priya Raman', 'Tom Okafor', 'Jenna Lowe'])[1 + floor(5 * pg_temp.crm_u(c.id, 16))::int]
		WHEN 'EMEA' THEN (ARRAY['Sophie Laurent', 'Jonas Becker', 'Amira Haddad', 'Liam Walsh'])[1 + floor(4 * pg_temp.crm_u(c.id, 16))::int]
		WHEN 'APAC' THEN (ARRAY['Kenji Sato', 'Mei Lin', 'Arjun Mehta'])[1 + floor(3 * pg_temp.crm_u(c.id, 16))::int]
		ELSE (ARRAY['Lucia Fernandez', 'Rafael Souza', 'Camila Rojas'])[1 + floor(3 * pg_temp.crm_u(c.id, 16))::int]
	END,
	-- the CRM's health score tracks the customer's own satisfaction
	least(100, greatest(0, round(68 + 14 * pg_temp.crm_n(c.id, 17) + 6 * pg_temp.crm_n(c.id, 18))))::int
FROM (SELECT id, id::double precision / :customers AS frac
	  FROM generate_series(1, :customers) AS id) AS c
CROSS JOIN LATERAL (
	SELECT CASE
		WHEN pg_temp.crm_u(c.id, 1) < 0.40 THEN 'NA'
		WHEN pg_temp.crm_u(c.id, 1) < 0.70 THEN 'EMEA'
		WHEN pg_temp.crm_u(c.id, 1) < 0.88 THEN 'APAC'
		ELSE 'LATAM' END AS region) AS r
CROSS JOIN LATERAL (
	SELECT CASE
		WHEN pg_temp.crm_u(c.id, 2) < 0.10 THEN 'Enterprise'
		WHEN pg_temp.crm_u(c.id, 2) < 0.40 THEN 'Mid-Market'
		ELSE 'SMB' END AS segment) AS s;

-- fillfactor leaves no room: the table is written once, as answers arrive.
CREATE TABLE survey_responses (
	response_id		bigint PRIMARY KEY,
	customer_id		integer NOT NULL,
	channel			text NOT NULL,
	responded_at	timestamptz NOT NULL,
	metric			text NOT NULL CHECK (metric IN ('nps', 'csat', 'ces')),
	score			integer,		-- NULL: the question was skipped
	scale			integer NOT NULL,	-- highest score: 10 (NPS), 2 or 5 (CSAT), 7 (CES)
	comment			text
	:crm_fb_column
);

-- Each level is a separate subquery fenced with OFFSET 0, so that a value
-- used several times above it (the latent z, the channel) is computed once
-- per row instead of being expanded into every expression that uses it.
INSERT INTO survey_responses
	(response_id, customer_id, channel, responded_at, metric, score, scale, comment :crm_fb_insert)
SELECT response_id, customer_id, channel, responded_at, metric, score, scale, comment :crm_fb_value
FROM (
	SELECT z.i AS response_id, z.customer_id, z.channel, z.responded_at, z.metric,
		CASE
			WHEN z.u_skip < 0.015 THEN NULL
			WHEN z.metric = 'nps' THEN least(10, greatest(0, round(8.3 + 1.7 * z.z)))::int
			WHEN z.scale = 2 THEN CASE WHEN z.z > -1.05 THEN 2 ELSE 1 END
			WHEN z.metric = 'csat' THEN least(5, greatest(1, round(4.3 + 0.95 * z.z)))::int
			ELSE least(7, greatest(1, round(5.4 + 1.3 * z.z)))::int
		END AS score,
		z.scale,
		-- unhappy customers leave a comment more often than happy ones
		CASE
			WHEN z.z < -0.8 AND z.u_comment < 0.35 THEN
				CASE WHEN z.month_index IN (3, 4) AND z.u_text < 0.5
					THEN 'The March outage cost us a day of work'
					ELSE (ARRAY['Took three emails to get an answer',
								'Hard to reach a human on the phone',
								'Export keeps timing out',
								'Too expensive for what we use',
								'Billing mistakes again',
								'The new navigation is confusing'])[1 + floor(6 * z.u_text)::int]
				END
			WHEN z.z > 0.6 AND z.u_comment < 0.12 THEN
				(ARRAY['Support fixed my issue in minutes',
					   'Love the new dashboards',
					   'Easy to set up',
					   'Our account manager is fantastic',
					   'Reliable and fast'])[1 + floor(5 * z.u_text)::int]
			WHEN z.u_comment < 0.06 THEN
				(ARRAY['Does the job',
					   'Pricing is a bit high',
					   'Some settings are hard to find',
					   'Reports could be faster'])[1 + floor(4 * z.u_text)::int]
		END AS comment
	FROM (
		SELECT m.*,
			-- latent satisfaction, in standard deviations
			CASE m.region
				WHEN 'NA' THEN 0.15
				WHEN 'EMEA' THEN 0.05
				WHEN 'APAC' THEN -0.02
				-- LATAM: a local support team starts in May 2026
				ELSE -0.35 + 0.30 * least(greatest(m.month_index - 4, 0), 4) / 4.0
			END::double precision
			+ CASE m.channel
				WHEN 'in-app' THEN 0.15
				WHEN 'email' THEN 0.05
				WHEN 'web' THEN 0.0
				WHEN 'chat' THEN -0.05
				ELSE -0.30
			END::double precision
			+ CASE m.segment
				WHEN 'Enterprise' THEN 0.05
				WHEN 'SMB' THEN -0.05
				ELSE 0.0
			END::double precision
			-- December holidays, the March outage, then steady improvement
			+ (ARRAY[-0.05, 0.0, 0.02, -0.45, -0.15, 0.04, 0.06, 0.08, 0.10,
					 0.12, 0.13, 0.15]::double precision[])[m.month_index + 1]
			+ 0.45::double precision * (m.health_score - 68) / 15.0::double precision
			+ m.noise AS z
		FROM (
			SELECT t.*, c.region, c.segment, c.health_score,
				((extract(year FROM t.responded_at AT TIME ZONE 'UTC') - 2025) * 12
				 + extract(month FROM t.responded_at AT TIME ZONE 'UTC') - 12)::int AS month_index,
				CASE t.metric
					WHEN 'nps' THEN 10
					WHEN 'ces' THEN 7
					-- like Zendesk, chat conversations are rated good/bad
					WHEN 'csat' THEN CASE WHEN t.channel = 'chat' AND t.u_scale < 0.7
										  THEN 2 ELSE 5 END
				END AS scale
			FROM (
				SELECT ch.*,
					timestamptz '2025-12-01 00:00:00+00'
						+ make_interval(secs => floor(ch.year_frac * 31536000)) AS responded_at,
					-- an eligible customer (signed up by then); older ones answer more
					1 + floor(power(ch.u_customer, 1.25)
							  * floor(:customers * (0.85 + 0.15 * ch.year_frac)))::int AS customer_id,
					-- relationship channels ask for NPS, support channels for CSAT and CES
					CASE
						WHEN ch.u_metric < CASE ch.channel
								WHEN 'email' THEN 0.72 WHEN 'in-app' THEN 0.65
								WHEN 'web' THEN 0.50 ELSE 0.10 END THEN 'nps'
						WHEN ch.u_metric < CASE ch.channel
								WHEN 'email' THEN 0.90 WHEN 'in-app' THEN 0.80
								WHEN 'web' THEN 0.75 WHEN 'chat' THEN 0.70 ELSE 0.65 END THEN 'csat'
						ELSE 'ces'
					END AS metric
				FROM (
					SELECT u.*,
						-- volume grows through the year; response_id follows time
						power((u.i - 1 + u.u_time) / :responses, 0.85) AS year_frac,
						CASE
							WHEN u.u_channel < 0.35 THEN 'email'
							WHEN u.u_channel < 0.60 THEN 'in-app'
							WHEN u.u_channel < 0.75 THEN 'web'
							WHEN u.u_channel < 0.90 THEN 'chat'
							ELSE 'phone'
						END AS channel
					FROM (
						SELECT g.i,
							pg_temp.crm_u(g.i, 1) AS u_time,
							pg_temp.crm_u(g.i, 2) AS u_customer,
							pg_temp.crm_u(g.i, 3) AS u_channel,
							pg_temp.crm_u(g.i, 4) AS u_metric,
							pg_temp.crm_u(g.i, 6) AS u_scale,
							pg_temp.crm_n(g.i, 7) AS noise,
							pg_temp.crm_u(g.i, 8) AS u_skip,
							pg_temp.crm_u(g.i, 9) AS u_comment,
							pg_temp.crm_u(g.i, 10) AS u_text
						FROM generate_series(1, :responses) AS g(i)
						OFFSET 0
					) AS u
					OFFSET 0
				) AS ch
				OFFSET 0
			) AS t
			JOIN customers AS c USING (customer_id)
			OFFSET 0
		) AS m
		OFFSET 0
	) AS z
) AS r;

ALTER TABLE survey_responses
	ADD FOREIGN KEY (customer_id) REFERENCES customers,
	ADD FOREIGN KEY (channel) REFERENCES channels;
CREATE INDEX survey_responses_responded_at_idx ON survey_responses (responded_at);
CREATE INDEX survey_responses_customer_id_idx ON survey_responses (customer_id);

ANALYZE regions, channels, customers, survey_responses;

RESET client_min_messages;
