-- A description of everything extension cxsat owns, free of OIDs, in a
-- stable order: two databases whose outputs are equal hold the same
-- objects with the same properties.  Each line starts with what it is
-- about, so that a diff points at the object.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
CREATE TEMP VIEW cx_members AS
SELECT d.classid, d.objid, d.objsubid,
	   pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) AS what
FROM pg_catalog.pg_depend d
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'cxsat');

SELECT 'extension', extversion, extrelocatable, extnamespace::regnamespace,
	   coalesce(array_length(extconfig, 1), 0)
FROM pg_catalog.pg_extension WHERE extname = 'cxsat';

SELECT 'member', what FROM cx_members ORDER BY what;

SELECT 'function', p.oid::regprocedure, p.prokind, p.prosrc, p.probin, p.provolatile,
	   p.proparallel, p.proisstrict, p.prosecdef, p.proleakproof, p.procost, p.prorows,
	   p.proretset, pg_catalog.pg_get_function_arguments(p.oid),
	   pg_catalog.pg_get_function_result(p.oid), p.prosupport, p.proconfig, p.proacl,
	   pg_catalog.pg_get_userbyid(p.proowner)
FROM cx_members m JOIN pg_catalog.pg_proc p ON m.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = m.objid
ORDER BY 2::text;

SELECT 'aggregate', a.aggfnoid::regprocedure, a.aggkind, a.aggnumdirectargs,
	   a.aggtransfn::regprocedure, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
	   a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
	   a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
	   a.aggsortop::regoperator, a.aggtranstype::regtype, a.aggtransspace,
	   a.aggmtranstype::regtype, a.aggmtransspace, a.agginitval, a.aggminitval
FROM cx_members m JOIN pg_catalog.pg_aggregate a ON m.classid = 'pg_catalog.pg_proc'::regclass AND a.aggfnoid = m.objid
ORDER BY 2::text;

SELECT 'operator', o.oid::regoperator, o.oprkind, o.oprcode::regprocedure,
	   o.oprresult::regtype, o.oprcom::regoperator, o.oprnegate::regoperator,
	   o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash
FROM cx_members m JOIN pg_catalog.pg_operator o ON m.classid = 'pg_catalog.pg_operator'::regclass AND o.oid = m.objid
ORDER BY 2::text;

SELECT 'type', t.oid::regtype, t.typlen, t.typbyval, t.typtype, t.typcategory,
	   t.typispreferred, t.typdelim, t.typalign, t.typstorage, t.typinput, t.typoutput,
	   t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze, t.typelem::regtype,
	   t.typarray::regtype, t.typnotnull, t.typbasetype::regtype, t.typcollation,
	   pg_catalog.pg_get_userbyid(t.typowner)
FROM cx_members m JOIN pg_catalog.pg_type t ON m.classid = 'pg_catalog.pg_type'::regclass AND t.oid = m.objid
ORDER BY 2::text;

SELECT 'cast', c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure,
	   c.castcontext, c.castmethod
FROM cx_members m JOIN pg_catalog.pg_cast c ON m.classid = 'pg_catalog.pg_cast'::regclass AND c.oid = m.objid
ORDER BY 2::text, 3::text;

SELECT 'opclass', m.what, c.opcdefault, c.opcintype::regtype, c.opckeytype,
	   pg_catalog.pg_describe_object('pg_catalog.pg_opfamily'::regclass, c.opcfamily, 0)
FROM cx_members m JOIN pg_catalog.pg_opclass c ON m.classid = 'pg_catalog.pg_opclass'::regclass AND c.oid = m.objid
ORDER BY 2;

SELECT 'opfamily operator', m.what, o.amopstrategy, o.amoplefttype::regtype,
	   o.amoprighttype::regtype, o.amopopr::regoperator, o.amoppurpose, o.amopsortfamily
FROM cx_members m JOIN pg_catalog.pg_amop o ON m.classid = 'pg_catalog.pg_opfamily'::regclass AND o.amopfamily = m.objid
ORDER BY 2, 3, 4::text, 5::text;

SELECT 'opfamily function', m.what, p.amprocnum, p.amproclefttype::regtype,
	   p.amprocrighttype::regtype, p.amproc::regprocedure
FROM cx_members m JOIN pg_catalog.pg_amproc p ON m.classid = 'pg_catalog.pg_opfamily'::regclass AND p.amprocfamily = m.objid
ORDER BY 2, 3, 4::text, 5::text;

SELECT 'schema', n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), n.nspacl
FROM cx_members m JOIN pg_catalog.pg_namespace n ON m.classid = 'pg_catalog.pg_namespace'::regclass AND n.oid = m.objid
ORDER BY 2;

-- comments of the members, and of the columns of their composite types
SELECT 'comment', m.what, d.objsubid, d.description
FROM cx_members m JOIN pg_catalog.pg_description d ON d.classoid = m.classid AND d.objoid = m.objid
ORDER BY 2, 3;
SELECT 'comment', 'extension cxsat', pg_catalog.obj_description(oid, 'pg_extension')
FROM pg_catalog.pg_extension WHERE extname = 'cxsat';
