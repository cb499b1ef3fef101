-- Run as the unprivileged role mallory: plant decoys named like the
-- built-ins an install script or an extension function might use, in
-- schema evil (which victims put on their search_path before pg_catalog)
-- and in schema shared (where cxsat is about to be installed).  Every decoy
-- raises, so any call to one makes the statement that called it fail.
\set ON_ERROR_STOP 1
DO $decoys$
DECLARE
	sch text;
	typ text;
	op text;
	fn text;
BEGIN
	FOREACH sch IN ARRAY ARRAY['evil', 'shared'] LOOP
		EXECUTE format($f$CREATE FUNCTION %I.decoy_same(anyelement, anyelement) RETURNS anyelement
			LANGUAGE plpgsql AS $b$ BEGIN RAISE EXCEPTION 'decoy aggregate called in schema %s'; END $b$$f$, sch, sch);
		-- operators on the built-in types a definition could compare or add
		FOREACH typ IN ARRAY ARRAY['int2', 'int4', 'int8', 'float8', 'numeric', 'text', 'bool', 'date'] LOOP
			EXECUTE format($f$CREATE FUNCTION %I.decoy_compare_%s(%s, %s) RETURNS boolean
				LANGUAGE plpgsql AS $b$ BEGIN RAISE EXCEPTION 'decoy operator called in schema %s'; END $b$$f$,
						   sch, typ, typ, typ, sch);
			FOREACH op IN ARRAY ARRAY['=', '<>', '<', '<=', '>', '>='] LOOP
				EXECUTE format('CREATE OPERATOR %I.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %I.decoy_compare_%s)',
							   sch, op, typ, typ, sch, typ);
			END LOOP;
			IF typ NOT IN ('text', 'bool', 'date') THEN
				EXECUTE format($f$CREATE FUNCTION %I.decoy_arith_%s(%s, %s) RETURNS %s
					LANGUAGE plpgsql AS $b$ BEGIN RAISE EXCEPTION 'decoy operator called in schema %s'; END $b$$f$,
							   sch, typ, typ, typ, typ, sch);
				FOREACH op IN ARRAY ARRAY['+', '-', '*', '/', '%'] LOOP
					EXECUTE format('CREATE OPERATOR %I.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %I.decoy_arith_%s)',
								   sch, op, typ, typ, sch, typ);
				END LOOP;
			END IF;
		END LOOP;
		-- functions and aggregates by the names of common built-ins
		FOREACH fn IN ARRAY ARRAY['lower(text)', 'upper(text)', 'length(text)', 'btrim(text)',
								  'abs(int4)', 'abs(float8)', 'sqrt(float8)', 'exp(float8)', 'ln(float8)',
								  'round(float8)', 'floor(float8)', 'power(float8, float8)',
								  'int4(float8)', 'int8(int4)', 'float8(int4)', 'float8(int8)', 'text(int4)',
								  'format(text)', 'generate_series(int4, int4)', 'unnest(anyarray)',
								  'array_length(anyarray, int4)', 'hashint4(int4)', 'hashint8(int8)',
								  'now()', 'random()', 'nextval(regclass)', 'current_setting(text)',
								  'pg_read_file(text)'] LOOP
			EXECUTE format($f$CREATE FUNCTION %I.%s RETURNS int4 LANGUAGE plpgsql AS
				$b$ BEGIN RAISE EXCEPTION 'decoy function %s called in schema %s'; END $b$$f$,
						   sch, fn, fn, sch);
		END LOOP;
		FOREACH fn IN ARRAY ARRAY['count', 'sum', 'min', 'max', 'avg', 'array_agg', 'string_agg'] LOOP
			EXECUTE format('CREATE AGGREGATE %I.%I(anyelement) (SFUNC = %I.decoy_same, STYPE = anyelement)',
						   sch, fn, sch);
		END LOOP;
	END LOOP;
	-- types named like built-ins, ahead of pg_catalog for victims using evil
	FOREACH typ IN ARRAY ARRAY['int4', 'int8', 'float8', 'text', 'bool'] LOOP
		EXECUTE format('CREATE TYPE evil.%I AS (decoy int)', typ);
	END LOOP;
END $decoys$;
