#!/usr/bin/env python3
"""script_objects.py SCRIPT SCHEMA: a SQL query listing what SCRIPT creates.

Reads an extension script (the update script, sql/cxsat--0.1.0--0.2.0.sql)
and prints one SELECT whose rows are the objects its CREATE statements
make, resolved in a database where the extension lives in SCHEMA:

	stmt int, kind text, label text, replace bool, classid regclass, objid oid

objid is NULL when the object cannot be found.  A CREATE OPERATOR CLASS
without FAMILY also makes an operator family of the same name; it gets a
row of kind 'implicit operator family'.  The test compares these rows with
the extension's members (pg_depend deptype 'e') before and after the
update, so that the test needs no list of the objects 0.2.0 adds: other
parts of the update script may add any.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile"))
from check_install_script import arg_type, paren_after, split_top, statements  # noqa: E402


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    path, schema = sys.argv[1], sys.argv[2]
    text = open(path, encoding="utf-8").read().replace("@extschema@", schema)
    rows = []
    for no, (kind, s) in enumerate(statements(text), 1):
        if kind != "sql":
            continue
        m = re.match(r"^CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|"
                     r"OPERATOR\s+CLASS|OPERATOR\s+FAMILY|OPERATOR|CAST|SCHEMA)\s*", s, re.I)
        if not m:
            continue
        replace = "true" if m.group(1) else "false"
        what = " ".join(m.group(2).upper().split())
        rest = s[m.end():]
        if what in ("FUNCTION", "PROCEDURE", "AGGREGATE"):
            name = rest.split("(")[0].strip()
            args, _ = paren_after(rest, 0)
            types = []
            for a in split_top(args.replace(" ORDER BY ", ",")):
                mode = a.split()[0].upper() if a.split() else ""
                if a and mode not in ("OUT", "TABLE"):
                    types.append(arg_type(a))
            sig = "%s(%s)" % (name, ",".join(types))
            rows.append((no, what.lower(), sig, replace, "pg_proc",
                         "pg_catalog.to_regprocedure(%s)::oid" % lit(sig)))
        elif what in ("TYPE", "DOMAIN"):
            name = rest.split()[0].rstrip(";")
            rows.append((no, what.lower(), name, replace, "pg_type",
                         "pg_catalog.to_regtype(%s)::oid" % lit(name)))
        elif what == "OPERATOR":
            name = rest.split("(")[0].strip()
            body, _ = paren_after(rest, 0)
            args = dict((k.upper(), v) for k, v in
                        re.findall(r"\b(LEFTARG|RIGHTARG)\s*=\s*([^,\s)]+)", body, re.I))
            sig = "%s(%s,%s)" % (name, args.get("LEFTARG", "NONE"), args.get("RIGHTARG", "NONE"))
            rows.append((no, "operator", sig, replace, "pg_operator",
                         "pg_catalog.to_regoperator(%s)::oid" % lit(sig)))
        elif what in ("OPERATOR CLASS", "OPERATOR FAMILY"):
            name = rest.split()[0]
            nsp, _, rel = name.rpartition(".")
            am = re.search(r"\bUSING\s+(\w+)", rest, re.I).group(1)
            cat, col = ("pg_opclass", "opc") if what == "OPERATOR CLASS" else ("pg_opfamily", "opf")
            where = ("%sname = %s AND %snamespace = %s::regnamespace AND %smethod = "
                     "(SELECT oid FROM pg_catalog.pg_am WHERE amname = %s)"
                     % (col, lit(rel), col, lit(nsp or schema), col, lit(am)))
            rows.append((no, what.lower(), "%s USING %s" % (name, am), replace, cat,
                         "(SELECT oid FROM pg_catalog.%s WHERE %s)" % (cat, where)))
            if what == "OPERATOR CLASS" and not re.search(r"\bFAMILY\b", rest.split(" AS ")[0], re.I):
                rows.append((no, "implicit operator family", "%s USING %s" % (name, am), replace,
                             "pg_opfamily", "(SELECT opcfamily FROM pg_catalog.pg_opclass WHERE %s)" % where))
        elif what == "CAST":
            body, _ = paren_after(rest, 0)
            src, dst = re.split(r"\s+AS\s+", body.strip(), flags=re.I)
            rows.append((no, "cast", "(%s AS %s)" % (src, dst), replace, "pg_cast",
                         "(SELECT oid FROM pg_catalog.pg_cast WHERE castsource = pg_catalog.to_regtype(%s) "
                         "AND casttarget = pg_catalog.to_regtype(%s))" % (lit(src), lit(dst))))
        elif what == "SCHEMA":
            name = rest.split()[0]
            rows.append((no, "schema", name, replace, "pg_namespace",
                         "pg_catalog.to_regnamespace(%s)::oid" % lit(name)))
    if not rows:
        print("SELECT NULL::int AS stmt, NULL::text AS kind, NULL::text AS label, NULL::bool AS replace, "
              "NULL::regclass AS classid, NULL::oid AS objid WHERE false;")
        return
    print("SELECT * FROM (VALUES")
    print(",\n".join("\t(%d, %s, %s, %s, %s::regclass, %s)" % (no, lit(k), lit(label), rep, lit(cat), expr)
                     for no, k, label, rep, cat, expr in rows))
    print(") AS created (stmt, kind, label, replace, classid, objid);")


if __name__ == "__main__":
    main()
