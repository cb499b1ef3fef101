-- A deliberately bad update script: check_install_script.py --update must
-- reject it under each update rule (test/suites/75_security.sh).
\echo Use "ALTER EXTENSION" \quit
CREATE SCHEMA cxsat_internal;
GRANT USAGE ON SCHEMA cxsat_internal TO PUBLIC;
GRANT USAGE ON SCHEMA public TO PUBLIC;
DROP FUNCTION @extschema@.metric(@extschema@.feedback);
ALTER EXTENSION cxsat DROP FUNCTION @extschema@.metric(@extschema@.feedback);
ALTER TYPE @extschema@.feedback_summary SET (STORAGE = main);
ALTER TYPE @extschema@.feedback_summary SET (SEND = @extschema@.x_send);
ALTER TYPE @extschema@.feedback_summary SET (RECEIVE = x_recv);
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) SET SCHEMA evil;
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) PARALLEL SAFE COST 10;
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) SET search_path = public;
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) OWNER TO mallory;
ALTER FUNCTION @extschema@.metric(@extschema@.feedback) RENAME TO m2;
ALTER OPERATOR @extschema@.< (@extschema@.feedback, @extschema@.feedback) SET (RESTRICT = @extschema@.ltsel);
ALTER OPERATOR @extschema@.< (@extschema@.feedback, @extschema@.feedback) SET (RESTRICT = scalarltsel);
ALTER OPERATOR FAMILY @extschema@.feedback_ops USING btree DROP OPERATOR 1 (@extschema@.feedback, @extschema@.feedback);
ALTER OPERATOR FAMILY @extschema@.feedback_ops USING btree ADD OPERATOR 1 @extschema@.< (@extschema@.feedback, pg_catalog.int4);
CREATE OR REPLACE FUNCTION @extschema@.metric(@extschema@.feedback) RETURNS pg_catalog.text AS 'MODULE_PATHNAME', 'm' LANGUAGE C;
CREATE OR REPLACE FUNCTION @extschema@.brand_new(@extschema@.feedback) RETURNS pg_catalog.text AS 'MODULE_PATHNAME', 'm' LANGUAGE C;
CREATE CAST (@extschema@.feedback_summary AS pg_catalog.jsonb) WITH FUNCTION @extschema@.summary_jsonb(@extschema@.feedback_summary);
CREATE CAST (pg_catalog.text AS pg_catalog.int4) WITH FUNCTION @extschema@.f(pg_catalog.text);
CREATE FUNCTION cxsat_internal.f(@extschema@.feedback) RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'f' LANGUAGE C;
CREATE FUNCTION evil.f(@extschema@.feedback) RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'f' LANGUAGE C;
ALTER TYPE @extschema@.feedback_change ADD ATTRIBUTE x int4;
DROP TYPE @extschema@.feedback;
