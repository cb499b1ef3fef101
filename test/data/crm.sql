-- crm.sql: a deterministic CRM data set for cxsat, the one the demo and the
-- README's examples run against.
--
--   psql -X -v ON_ERROR_STOP=1 -f test/data/crm.sql                 # about 300,000 responses
--   psql -X -v ON_ERROR_STOP=1 -v scale=4 -f test/data/crm.sql      # four times as many
--
-- What a help desk plus a survey tool hold, 2025-09-01 .. 2026-11-30 UTC
-- (15 months; the data ends at midnight UTC on 2026-12-01):
--
--   customers         20,000 accounts: company, contact name and e-mail,
--                     segment, region, signup date
--   agents            24 support agents in three teams
--   products          6 products a ticket can be about
--   channels          5 support channels (email, chat, phone, web, social)
--   tickets           200,000 support tickets: customer, product, channel,
--                     agent, opened and solved times (unsolved at the end: NULL)
--   invitations       every survey sent: relationship NPS surveys (HubSpot
--                     style), a survey after each solved ticket (Zendesk
--                     style) and re-surveys of detractors; answered or not
--   follow_ups        calls made to detractors after their NPS answer
--   survey_responses  one row per answered question: NPS 0-10, CSAT as
--                     good/bad (scale 2) for email and web tickets and as
--                     1-5 stars for chat, phone and social, CES 1-7 after
--                     support contacts; a free-text comment; a skipped CES
--                     question is a row with a NULL score
--
-- metric/score/scale are plain columns, so every figure can be checked with
-- plain SQL; when cxsat is installed in the database, fb holds the same
-- answer as a feedback value (NULL where score is NULL).
--
-- No random(): every value comes from hashint8extended() of a row number
-- and a per-attribute salt, so every run on every machine gives the same rows.
-- Scores follow a latent satisfaction made of the customer, the segment,
-- the month (an outage in March 2026, then steady improvement), and for
-- tickets the agent, the channel and the product.  Two problems are
-- planted: agent 7 and the phone channel score clearly lower than the rest.
-- Detractors who got a follow-up call answer the re-survey better than
-- those who did not.

\set ON_ERROR_STOP on
\if :{?scale}
\else
\set scale 1
\endif

SET client_min_messages = warning;
SET TIME ZONE 'UTC';
-- the numbering sorts and the index builds fit in memory instead of spilling
SET work_mem = '256MB';
SET maintenance_work_mem = '256MB';

-- A uniform number in (0, 1) from a row number and a salt.
CREATE FUNCTION pg_temp.crm_u(n bigint, salt bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((pg_catalog.hashint8extended(n, salt) & 2147483647)::double precision + 0.5)
	/ 2147483648.0::double precision;

-- A standard normal deviate (Box-Muller) from a row number and a salt.
CREATE FUNCTION pg_temp.crm_n(n bigint, salt bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sqrt(-2.0::double precision * ln(pg_temp.crm_u(n, salt)))
	* cos(2.0::double precision * pi() * pg_temp.crm_u(n, salt + 1000));

-- Month effect on satisfaction, in standard deviations, month 0 = 2025-09.
-- A quiet autumn, the holidays, the March 2026 outage, then improvement.
CREATE FUNCTION pg_temp.crm_month(t timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (ARRAY[0.0, 0.0, -0.03, -0.06, 0.0, 0.02, -0.40, -0.12, 0.03, 0.05,
			  0.06, 0.08, 0.10, 0.12, 0.14]::double precision[])
	[1 + ((extract(year FROM t AT TIME ZONE 'UTC') - 2025) * 12
		  + extract(month FROM t AT TIME ZONE 'UTC') - 9)::int];

-- A customer's own disposition, in standard deviations (segment included).
CREATE FUNCTION pg_temp.crm_customer(customer_id integer, segment text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_temp.crm_n(customer_id, 20)
	+ CASE segment WHEN 'Enterprise' THEN 0.15 WHEN 'SMB' THEN -0.10 ELSE 0.0 END;

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

SELECT 20000 * :scale AS crm_customers, 200000 * :scale AS crm_tickets,
	220000 * :scale AS crm_nps_invitations \gset

DROP TABLE IF EXISTS survey_responses, follow_ups, invitations, tickets,
	customers, agents, products, channels CASCADE;

CREATE TABLE channels (
	channel		text PRIMARY KEY,
	description	text NOT NULL
);

INSERT INTO channels VALUES
	('email', 'ticket opened by e-mail'),
	('chat', 'live chat in the product'),
	('phone', 'support line'),
	('web', 'help-center contact form'),
	('social', 'message on a social network');

CREATE TABLE products (
	product_id	integer PRIMARY KEY,
	name		text NOT NULL UNIQUE
);

INSERT INTO products VALUES
	(1, 'Analytics'), (2, 'Billing'), (3, 'Integrations'),
	(4, 'Mobile app'), (5, 'Reporting'), (6, 'Workflows');

CREATE TABLE agents (
	agent_id	integer PRIMARY KEY,
	name		text NOT NULL,
	team		text NOT NULL
);

INSERT INTO agents
SELECT i, n, CASE WHEN i <= 12 THEN 'Tier 1' WHEN i <= 20 THEN 'Tier 2' ELSE 'Billing' END
FROM unnest(ARRAY['Ana Lima', 'Ben Carter', 'Chloe Martin', 'David Kim', 'Elena Rossi',
				  'Farid Haddad', 'Greg Novak', 'Hannah Weber', 'Ivan Petrov', 'Julia Santos',
				  'Kofi Mensah', 'Laura Chen', 'Mateo Garcia', 'Nina Larsen', 'Omar Aziz',
				  'Paula Costa', 'Quentin Roux', 'Rita Sharma', 'Sam Taylor', 'Tara Byrne',
				  'Uma Patel', 'Victor Mendes', 'Wendy Zhou', 'Yusuf Demir'])
	WITH ORDINALITY AS a(n, i);

CREATE TABLE customers (
	customer_id		integer PRIMARY KEY,
	company			text NOT NULL,
	contact_name	text NOT NULL,
	email			text NOT NULL,
	segment			text NOT NULL CHECK (segment IN ('Enterprise', 'Mid-Market', 'SMB')),
	region			text NOT NULL CHECK (region IN ('NA', 'EMEA', 'APAC', 'LATAM')),
	signup_date		date NOT NULL
);

-- Customer ids follow signup order: 90% signed up before the data starts,
-- 10% during the 15 months.
INSERT INTO customers
SELECT c.id, n.company, n.first || ' ' || n.last,
	pg_catalog.lower(n.first || '.' || n.last || '@' || n.w1 || n.w2) || '.example',
	CASE WHEN pg_temp.crm_u(c.id, 2) < 0.10 THEN 'Enterprise'
		 WHEN pg_temp.crm_u(c.id, 2) < 0.40 THEN 'Mid-Market'
		 ELSE 'SMB' END,
	CASE WHEN pg_temp.crm_u(c.id, 1) < 0.40 THEN 'NA'
		 WHEN pg_temp.crm_u(c.id, 1) < 0.70 THEN 'EMEA'
		 WHEN pg_temp.crm_u(c.id, 1) < 0.88 THEN 'APAC'
		 ELSE 'LATAM' END,
	CASE WHEN c.frac <= 0.9
		THEN date '2019-01-01' + floor(power(c.frac / 0.9, 0.6) * (date '2025-09-01' - date '2019-01-01'))::int
		ELSE date '2025-09-01' + least(455, floor((c.frac - 0.9) / 0.1 * 456)::int)
	END
FROM (SELECT id, id::double precision / :crm_customers AS frac
	  FROM generate_series(1, :crm_customers) AS id) AS c
CROSS JOIN LATERAL (
	SELECT w.w1, w.w2, w.w1 || ' ' || w.w2 AS company,
		(ARRAY['Alex', 'Maria', 'John', 'Sofia', 'Wei', 'Fatima', 'Lucas', 'Emma',
			   'Raj', 'Olga', 'Carlos', 'Aisha', 'Tom', 'Yuki', 'Noah', 'Lea',
			   'Ahmed', 'Grace', 'Pedro', 'Ingrid'])[1 + floor(20 * pg_temp.crm_u(c.id, 5))::int] AS first,
		(ARRAY['Smith', 'Nguyen', 'Muller', 'Garcia', 'Tanaka', 'Okafor', 'Jensen',
			   'Silva', 'Cohen', 'Ivanova', 'Brown', 'Rossi', 'Kowalski', 'Singh',
			   'Dubois', 'Moreau', 'Park', 'Wilson', 'Haddad', 'Lopez'])[1 + floor(20 * pg_temp.crm_u(c.id, 6))::int] AS last
	FROM (SELECT
		(ARRAY['Blue', 'North', 'Silver', 'Bright', 'Rapid', 'Green', 'Atlas',
			   'Summit', 'Harbor', 'Cedar', 'Nova', 'Pioneer', 'Copper', 'Vertex',
			   'Lumen', 'Orbit', 'Granite', 'Maple', 'Crescent', 'Falcon'])[1 + floor(20 * pg_temp.crm_u(c.id, 3))::int] AS w1,
		(ARRAY['Logistics', 'Analytics', 'Foods', 'Health', 'Systems', 'Retail',
			   'Labs', 'Energy', 'Media', 'Travel', 'Insurance', 'Robotics',
			   'Apparel', 'Finance', 'Software', 'Telecom'])[1 + floor(16 * pg_temp.crm_u(c.id, 4))::int] AS w2
		) AS w
) AS n;

CREATE TABLE tickets (
	ticket_id	bigint PRIMARY KEY,
	customer_id	integer NOT NULL,
	product_id	integer NOT NULL,
	channel		text NOT NULL,
	agent_id	integer NOT NULL,
	opened_at	timestamptz NOT NULL,
	solved_at	timestamptz			-- NULL: still open on 2026-12-01
);

-- Volume grows through the period; ticket_id follows opened_at.  A ticket
-- comes from a customer who has signed up by then (ids follow signup).
INSERT INTO tickets
SELECT i, customer_id, product_id, channel, agent_id, opened_at,
	CASE WHEN solved_at < timestamptz '2026-12-01 00:00:00+00' THEN solved_at END
FROM (
	SELECT g.i,
		1 + floor(power(pg_temp.crm_u(g.i, 31), 1.2)
				  * floor(:crm_customers * (0.9 + 0.1 * f.frac)))::int AS customer_id,
		CASE WHEN pg_temp.crm_u(g.i, 32) < 0.25 THEN 1 WHEN pg_temp.crm_u(g.i, 32) < 0.45 THEN 2
			 WHEN pg_temp.crm_u(g.i, 32) < 0.62 THEN 3 WHEN pg_temp.crm_u(g.i, 32) < 0.75 THEN 4
			 WHEN pg_temp.crm_u(g.i, 32) < 0.88 THEN 5 ELSE 6 END AS product_id,
		CASE WHEN pg_temp.crm_u(g.i, 33) < 0.35 THEN 'email' WHEN pg_temp.crm_u(g.i, 33) < 0.65 THEN 'chat'
			 WHEN pg_temp.crm_u(g.i, 33) < 0.80 THEN 'phone' WHEN pg_temp.crm_u(g.i, 33) < 0.93 THEN 'web'
			 ELSE 'social' END AS channel,
		1 + floor(24 * pg_temp.crm_u(g.i, 34))::int AS agent_id,
		f.opened_at,
		-- most tickets are solved within a day, some take a week
		f.opened_at + make_interval(secs => floor(3600 * (0.2 + 30 * power(pg_temp.crm_u(g.i, 35), 3)))) AS solved_at
	FROM generate_series(1, :crm_tickets) AS g(i)
	CROSS JOIN LATERAL (
		SELECT power((g.i - 1 + pg_temp.crm_u(g.i, 30)) / :crm_tickets, 0.8) AS frac) AS f0
	CROSS JOIN LATERAL (
		SELECT f0.frac,
			timestamptz '2025-09-01 00:00:00+00' + make_interval(secs => floor(f0.frac * 39398400)) AS opened_at) AS f
	OFFSET 0
) AS t;

CREATE TABLE invitations (
	invitation_id	bigint PRIMARY KEY,
	customer_id		integer NOT NULL,
	survey			text NOT NULL CHECK (survey IN ('nps', 'ticket', 'resurvey')),
	ticket_id		bigint,	-- the ticket a 'ticket' survey asks about
	resurvey_of		bigint,			-- the NPS response a 'resurvey' follows up
	sent_at			timestamptz NOT NULL
);

-- Relationship NPS surveys, sent by e-mail through the period, and one
-- survey per solved ticket, sent when it is solved.
INSERT INTO invitations (invitation_id, customer_id, survey, ticket_id, sent_at)
SELECT row_number() OVER (ORDER BY sent_at, survey, k), customer_id, survey, ticket_id, sent_at
FROM (
	SELECT 'nps' AS survey, g.i AS k, NULL::bigint AS ticket_id,
		1 + floor(pg_temp.crm_u(g.i, 41) * floor(:crm_customers * (0.9 + 0.1 * f.frac)))::int AS customer_id,
		timestamptz '2025-09-01 00:00:00+00' + make_interval(secs => floor(f.frac * 39398400)) AS sent_at
	FROM generate_series(1, :crm_nps_invitations) AS g(i)
	CROSS JOIN LATERAL (SELECT (g.i - 1 + pg_temp.crm_u(g.i, 40)) / :crm_nps_invitations AS frac) AS f
	UNION ALL
	SELECT 'ticket', ticket_id, ticket_id, customer_id, solved_at
	FROM tickets WHERE solved_at IS NOT NULL
) AS s;

-- One row per answered question.  Each invitation is answered or not from
-- its own hash; an answer that would come after the end of the data has not
-- come yet.
CREATE TABLE survey_responses (
	response_id		bigint PRIMARY KEY,
	invitation_id	bigint NOT NULL,
	customer_id		integer NOT NULL,
	ticket_id		bigint,
	responded_at	timestamptz NOT NULL,
	metric			text NOT NULL CHECK (metric IN ('nps', 'csat', 'ces')),
	score			integer,			-- NULL: the question was skipped
	scale			integer NOT NULL,	-- highest score: 10 (NPS), 2 or 5 (CSAT), 7 (CES)
	comment			text
	:crm_fb_column
);

-- The answers, before numbering: the latent satisfaction z of each question
-- (in standard deviations), then the score from it.
CREATE TEMPORARY TABLE crm_answers AS
SELECT a.invitation_id, a.customer_id, a.ticket_id, a.responded_at, a.metric, a.scale,
	CASE
		WHEN a.metric = 'ces' AND a.u_skip < 0.04 THEN NULL
		-- a longer tail below: detractors spread over 0..6
		WHEN a.metric = 'nps' THEN least(10, greatest(0, round(8.3 + 1.8 * a.z + 1.5 * least(a.z + 1.0, 0.0))))::int
		-- good/bad splits where 1-5 stars split satisfied (4-5) from the rest
		WHEN a.scale = 2 THEN CASE WHEN a.z >= -1.0 THEN 2 ELSE 1 END
		WHEN a.metric = 'csat' THEN least(5, greatest(1, round(4.5 + 1.0 * a.z)))::int
		ELSE least(7, greatest(1, round(5.4 + 1.3 * a.z)))::int
	END AS score,
	a.z, a.u_comment, a.u_text, a.channel, a.agent_id
FROM (
	SELECT i.invitation_id, i.customer_id, i.ticket_id, q.metric,
		i.sent_at + make_interval(secs => floor(3600 * (0.1 + 70 * power(pg_temp.crm_u(i.invitation_id, 51), 2)))) AS responded_at,
		CASE q.metric WHEN 'nps' THEN 10 WHEN 'ces' THEN 7
			ELSE CASE WHEN t.channel IN ('email', 'web') THEN 2 ELSE 5 END END AS scale,
		CASE WHEN q.metric = 'nps'
			THEN 0.55 * pg_temp.crm_customer(i.customer_id, c.segment)
				+ pg_temp.crm_month(i.sent_at) + 0.85 * pg_temp.crm_n(i.invitation_id, 52)
			ELSE 0.35 * pg_temp.crm_customer(i.customer_id, c.segment)
				+ pg_temp.crm_month(i.sent_at)
				-- planted: agent 7 and the phone line do worse
				+ CASE WHEN t.agent_id = 7 THEN -0.45 ELSE 0.0 END
				+ CASE WHEN t.channel = 'phone' THEN -0.40 ELSE 0.0 END
				+ 0.9 * pg_temp.crm_n(i.invitation_id * 2 + (q.metric = 'ces')::int, 53)
		END AS z,
		pg_temp.crm_u(i.invitation_id, 54) AS u_skip,
		pg_temp.crm_u(i.invitation_id * 2 + (q.metric = 'ces')::int, 55) AS u_comment,
		pg_temp.crm_u(i.invitation_id * 2 + (q.metric = 'ces')::int, 56) AS u_text,
		t.channel, t.agent_id
	FROM invitations AS i
	JOIN customers AS c USING (customer_id)
	LEFT JOIN tickets AS t USING (ticket_id)
	CROSS JOIN LATERAL (
		SELECT 'nps' AS metric WHERE i.survey = 'nps'
		UNION ALL SELECT 'csat' WHERE i.survey = 'ticket'
		-- the effort question is on the survey of 70% of tickets
		UNION ALL SELECT 'ces' WHERE i.survey = 'ticket' AND pg_temp.crm_u(i.invitation_id, 57) < 0.7
	) AS q
	-- response rates: 42% for relationship surveys, 50..65% after a ticket
	WHERE pg_temp.crm_u(i.invitation_id, 50) < CASE i.survey WHEN 'nps' THEN 0.42
			ELSE CASE t.channel WHEN 'chat' THEN 0.65 WHEN 'phone' THEN 0.50 ELSE 0.55 END END
	OFFSET 0
) AS a
WHERE a.responded_at < timestamptz '2026-12-01 00:00:00+00';

-- Free-text comments: unhappy customers write more often than happy ones.
CREATE FUNCTION pg_temp.crm_comment(metric text, score integer, scale integer, z double precision,
	u_comment double precision, u_text double precision, channel text, agent_id integer)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN score IS NULL THEN NULL
	WHEN z < -0.9 AND u_comment < 0.45 THEN
		CASE
			WHEN channel = 'phone' AND u_text < 0.5
				THEN (ARRAY['On hold for 40 minutes before anyone picked up',
							'The phone line kept dropping my call',
							'Had to explain the problem three times on the phone'])[1 + floor(6 * u_text)::int]
			WHEN agent_id = 7 AND u_text < 0.5
				THEN (ARRAY['The agent closed my ticket without fixing anything',
							'Rude reply, and the issue is still there',
							'Was told it is a known issue, no workaround'])[1 + floor(6 * u_text)::int]
			WHEN metric = 'nps'
				THEN (ARRAY['Too expensive for what we use',
							'Export keeps timing out',
							'Billing mistakes again',
							'The March outage cost us a day of work',
							'The new navigation is confusing',
							'Support takes days to answer'])[1 + floor(6 * u_text)::int]
			ELSE (ARRAY['Took three emails to get an answer',
						'Problem not solved',
						'Nobody read my ticket properly',
						'Had to reopen the ticket twice',
						'The answer was a link to the docs',
						'Slow and unhelpful'])[1 + floor(6 * u_text)::int]
		END
	WHEN z > 0.7 AND u_comment < 0.12 THEN
		(ARRAY['Support fixed my issue in minutes',
			   'Love the new dashboards',
			   'Quick and friendly',
			   'Our account manager is fantastic',
			   'Reliable and fast'])[1 + floor(5 * u_text)::int]
	WHEN u_comment < 0.05 THEN
		(ARRAY['Does the job',
			   'Pricing is a bit high',
			   'Some settings are hard to find',
			   'Reports could be faster'])[1 + floor(4 * u_text)::int]
END;

INSERT INTO survey_responses
	(response_id, invitation_id, customer_id, ticket_id, responded_at, metric, score, scale, comment :crm_fb_insert)
SELECT response_id, invitation_id, customer_id, ticket_id, responded_at, metric, score, scale, comment :crm_fb_value
FROM (
	SELECT row_number() OVER (ORDER BY responded_at, invitation_id, metric) AS response_id,
		invitation_id, customer_id, ticket_id, responded_at, metric, score, scale,
		pg_temp.crm_comment(metric, score, scale, z, u_comment, u_text, channel, agent_id) AS comment
	FROM crm_answers
) AS r;

-- Half the NPS detractors get a call from an account manager (a Tier 2 or
-- Billing agent) within four days.
CREATE TABLE follow_ups (
	follow_up_id	bigint PRIMARY KEY,
	response_id		bigint NOT NULL UNIQUE,
	customer_id		integer NOT NULL,
	agent_id		integer NOT NULL,
	followed_up_at	timestamptz NOT NULL
);

INSERT INTO follow_ups
SELECT row_number() OVER (ORDER BY followed_up_at, response_id), response_id, customer_id,
	agent_id, followed_up_at
FROM (
	SELECT response_id, customer_id,
		13 + floor(12 * pg_temp.crm_u(response_id, 61))::int AS agent_id,
		responded_at + make_interval(secs => floor(3600 * (2 + 94 * pg_temp.crm_u(response_id, 62)))) AS followed_up_at
	FROM survey_responses
	WHERE metric = 'nps' AND score <= 6 AND pg_temp.crm_u(response_id, 60) < 0.5
) AS f
WHERE followed_up_at < timestamptz '2026-12-01 00:00:00+00';

-- 40% of the detractors (followed up or not) are asked again 30 days later;
-- a follow-up call lifts the answer by 0.35 standard deviations.
INSERT INTO invitations (invitation_id, customer_id, survey, resurvey_of, sent_at)
SELECT (SELECT max(invitation_id) FROM invitations)
		+ row_number() OVER (ORDER BY sent_at, response_id),
	customer_id, 'resurvey', response_id, sent_at
FROM (
	SELECT response_id, customer_id, responded_at + interval '30 days' AS sent_at
	FROM survey_responses
	WHERE metric = 'nps' AND score <= 6 AND pg_temp.crm_u(response_id, 63) < 0.4
) AS d
WHERE sent_at < timestamptz '2026-12-01 00:00:00+00';

INSERT INTO survey_responses
	(response_id, invitation_id, customer_id, ticket_id, responded_at, metric, score, scale, comment :crm_fb_insert)
SELECT response_id, invitation_id, customer_id, NULL, responded_at, 'nps', score, 10, NULL :crm_fb_value
FROM (
	SELECT (SELECT max(response_id) FROM survey_responses)
			+ row_number() OVER (ORDER BY responded_at, invitation_id) AS response_id,
		invitation_id, customer_id, responded_at, 'nps' AS metric, 10 AS scale,
		least(10, greatest(0, round(8.3 + 1.8 * z + 1.5 * least(z + 1.0, 0.0))))::int AS score
	FROM (
		SELECT i.invitation_id, i.customer_id,
			i.sent_at + make_interval(secs => floor(3600 * (0.1 + 70 * power(pg_temp.crm_u(i.invitation_id, 51), 2)))) AS responded_at,
			0.55 * pg_temp.crm_customer(i.customer_id, c.segment)
				+ pg_temp.crm_month(i.sent_at) + 0.85 * pg_temp.crm_n(i.invitation_id, 52)
				+ CASE WHEN f.response_id IS NOT NULL THEN 0.35 ELSE 0.0 END AS z
		FROM invitations AS i
		JOIN customers AS c USING (customer_id)
		LEFT JOIN follow_ups AS f ON f.response_id = i.resurvey_of
		WHERE i.survey = 'resurvey' AND pg_temp.crm_u(i.invitation_id, 50) < 0.6
	) AS a
	WHERE responded_at < timestamptz '2026-12-01 00:00:00+00'
) AS r;

-- Foreign keys once the rows are in: one check per key instead of a
-- trigger call per row.
ALTER TABLE tickets
	ADD FOREIGN KEY (customer_id) REFERENCES customers,
	ADD FOREIGN KEY (product_id) REFERENCES products,
	ADD FOREIGN KEY (channel) REFERENCES channels,
	ADD FOREIGN KEY (agent_id) REFERENCES agents;
ALTER TABLE invitations
	ADD FOREIGN KEY (customer_id) REFERENCES customers,
	ADD FOREIGN KEY (ticket_id) REFERENCES tickets,
	ADD FOREIGN KEY (resurvey_of) REFERENCES survey_responses;
ALTER TABLE survey_responses
	ADD FOREIGN KEY (invitation_id) REFERENCES invitations,
	ADD FOREIGN KEY (customer_id) REFERENCES customers,
	ADD FOREIGN KEY (ticket_id) REFERENCES tickets;
ALTER TABLE follow_ups
	ADD FOREIGN KEY (response_id) REFERENCES survey_responses,
	ADD FOREIGN KEY (customer_id) REFERENCES customers,
	ADD FOREIGN KEY (agent_id) REFERENCES agents;
CREATE INDEX ON tickets (customer_id);
CREATE INDEX ON invitations (sent_at);
CREATE INDEX ON survey_responses (responded_at);
CREATE INDEX ON survey_responses (customer_id);
CREATE INDEX ON survey_responses (ticket_id);

DROP TABLE crm_answers;
ANALYZE channels, products, agents, customers, tickets, invitations, follow_ups, survey_responses;

RESET client_min_messages;
RESET work_mem;
RESET maintenance_work_mem;
