#!/usr/bin/env python3
"""Static checks of the extension's install script (sql/cxsat--*.sql).

The script runs as a superuser (cxsat is a trusted extension, so even when a
non-superuser asks for it), in a schema other roles may be able to write
to.  So, statement by statement:

  - nothing is SECURITY DEFINER, and nothing is CREATE OR REPLACE (which
    could take over an object someone else planted under the same name);
  - every object created is named @extschema@.<name>; no schema, role,
    extension, cast or event trigger is created, nothing is altered,
    granted or owned away, no setting is changed.  The one cast allowed is
    an explicit one from one of the extension's own types to a built-in
    type through one of its own functions of that type (CREATE CAST
    (@extschema@.t AS pg_catalog.u) WITH FUNCTION @extschema@.f(@extschema@.t)):
    it changes nothing for any type the extension does not own, and is
    never applied implicitly;
  - every reference to a type, function or operator in a definition is
    qualified: @extschema@. for the extension's own, pg_catalog. for
    built-ins, OPERATOR(schema.op) for commutators and negators;
  - functions are LANGUAGE C (or internal): no body is resolved against a
    search_path at run time, and no SQL text in the script reads files,
    the network or settings (COPY, pg_read_file, lo_import, dblink,
    current_setting, set_config);
  - the only psql meta-command is the "\\echo ... \\quit" guard.

With --update BASE, the script is an update script (cxsat--A--B.sql) and
BASE the install script of the version it updates.  The same rules hold,
with what an update needs, and nothing that could break stored data or the
objects user data and views depend on:

  - CREATE OR REPLACE only of a function or aggregate that BASE creates
    (with the same name and argument types): anything else could take
    over an object someone else planted;
  - no DROP of any object (DROP ..., ALTER EXTENSION ... DROP, ALTER ...
    DROP members or attributes), and no RENAME;
  - no ALTER of an existing type's storage or layout (ALTER TYPE ... SET
    (STORAGE ...), ADD/ALTER/DROP ATTRIBUTE); ALTER TYPE may only set the
    I/O-related properties PostgreSQL lets it change (RECEIVE, SEND,
    TYPMOD_IN, TYPMOD_OUT, ANALYZE, SUBSCRIPT);
  - ALTER FUNCTION/AGGREGATE/OPERATOR only to move an object into a
    schema the script itself creates, to set volatility, parallel safety,
    strictness, leakproofness, cost, rows or support, or an operator's
    estimators; ALTER OPERATOR FAMILY only to ADD;
  - CREATE SCHEMA only plainly (it fails if the schema exists: nothing is
    taken over), and GRANT only USAGE on such a schema; objects may be
    named and referenced in it as in @extschema@;
  - CREATE CAST only between one of the extension's own types and another
    type, with a qualified function (or WITH INOUT / WITHOUT FUNCTION).

Prints "ok - ..." or "FAIL - ..." per check; exits 1 if any check failed.
"""
import re
import sys

QUALIFIED = re.compile(r"^(@extschema@|pg_catalog)\.")
# qualified names an update script may create in, besides @extschema@
EXTRA_SCHEMAS = []


def set_schemas(extra):
    """Also accept names qualified with the schemas in extra."""
    global QUALIFIED
    EXTRA_SCHEMAS[:] = extra
    alts = ["@extschema@", "pg_catalog"] + [re.escape(x) for x in extra]
    QUALIFIED = re.compile(r"^(%s)\." % "|".join(alts))


def statements(text):
    """Split SQL text into statements, skipping comments, strings kept."""
    out, cur, i, n = [], [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            cur.append(" ")
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            cur.append(" ")
            continue
        if c == "'":
            j = i + 1
            while j < n:
                if text[j] == "'" and j + 1 < n and text[j + 1] == "'":
                    j += 2
                elif text[j] == "'":
                    break
                else:
                    j += 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        m = re.match(r"\$[A-Za-z_0-9]*\$", text[i:])
        if m:
            tag = m.group(0)
            j = text.find(tag, i + len(tag))
            j = n if j < 0 else j + len(tag)
            cur.append(text[i:j])
            i = j
            continue
        if c == "\\" and (i == 0 or text[i - 1] == "\n"):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(("meta", text[i:j]))
            i = j
            continue
        if c == ";":
            s = "".join(cur).strip()
            if s:
                out.append(("sql", " ".join(s.split())))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    s = "".join(cur).strip()
    if s:
        out.append(("sql", " ".join(s.split())))
    return out


def split_top(s, sep=","):
    """Split on sep outside parentheses and quotes."""
    parts, depth, cur, q = [], 0, [], False
    for c in s:
        if c == "'":
            q = not q
        if not q:
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            elif c == sep and depth == 0:
                parts.append("".join(cur).strip())
                cur = []
                continue
        cur.append(c)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def paren_after(s, start):
    """The text inside the parenthesis that opens at or after start."""
    i = s.index("(", start)
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "(":
            depth += 1
        elif s[j] == ")":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
    raise ValueError("unbalanced parenthesis")


ARG_MODES = {"IN", "OUT", "INOUT", "VARIADIC"}


def arg_type(arg):
    """The type of one argument declaration: [mode] [name] type [DEFAULT x]."""
    arg = re.split(r"\s+DEFAULT\s+|\s*=\s*", arg, flags=re.I)[0].strip()
    words = arg.split()
    if words and words[0].upper() in ARG_MODES:
        words = words[1:]
    if len(words) >= 2 and not QUALIFIED.match(words[0]):
        words = words[1:]  # a parameter name
    return " ".join(words)


def type_ok(t):
    t = t.strip()
    if t.upper().startswith("SETOF "):
        t = t[6:].strip()
    t = re.sub(r"\[\]$", "", t)
    return bool(QUALIFIED.match(t)) or t == "*"


def signature(stmt):
    """(name, argument types) of a CREATE [OR REPLACE] FUNCTION/AGGREGATE, or None."""
    m = re.match(r"^CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE|AGGREGATE)\s+([^\s(]+)\s*", stmt, re.I)
    if not m:
        return None
    args, _ = paren_after(stmt, m.end(1))
    types = tuple(" ".join(arg_type(a).lower().split())
                  for a in split_top(args.replace(" ORDER BY ", ","))
                  if a and a.split()[0].upper() not in ("OUT", "TABLE"))
    return m.group(1).lower(), types


FUNCTION_ACTIONS = {"IMMUTABLE", "STABLE", "VOLATILE", "PARALLEL", "SAFE", "RESTRICTED", "UNSAFE",
                    "STRICT", "CALLED", "ON", "NULL", "INPUT", "RETURNS", "LEAKPROOF", "NOT",
                    "COST", "ROWS", "SUPPORT"}
TYPE_SETTABLE = {"RECEIVE", "SEND", "TYPMOD_IN", "TYPMOD_OUT", "ANALYZE", "SUBSCRIPT"}
OPERATOR_SETTABLE = {"RESTRICT", "JOIN", "COMMUTATOR", "NEGATOR", "MERGES", "HASHES"}


def update_statement(s, problem, checks):
    """The statement kinds an update script may use beyond the install script's."""
    up = s.upper()
    c_kind, c_drop, c_storage, c_qual = checks["kind"], checks["drop"], checks["storage"], checks["qual"]
    if re.match(r"^DROP\b", up) or re.match(r"^ALTER\b.*\bDROP\b", up):
        problem(c_drop, s, "drop")
        return
    if re.match(r"^ALTER\b.*\bRENAME\b", up):
        problem(c_drop, s, "rename")
        return
    m = re.match(r"^ALTER\s+(FUNCTION|PROCEDURE|AGGREGATE|OPERATOR\s+CLASS|OPERATOR\s+FAMILY|OPERATOR|TYPE)"
                 r"\s+(\S+?)(\s*\(|\s)", s, re.I)
    if m and not QUALIFIED.match(m.group(2)):
        problem(c_qual, s, "ALTER of an unqualified object")
    sm = re.search(r"\bSET\s+SCHEMA\s+(\S+)$", s, re.I)
    if m and sm:
        if sm.group(1) not in EXTRA_SCHEMAS:
            problem(c_kind, s, "SET SCHEMA to a schema the script does not create")
        return
    if m and m.group(1).upper() == "TYPE":
        if re.search(r"\b(ADD|ALTER)\s+ATTRIBUTE\b", up) or re.search(r"\bSTORAGE\b", up):
            problem(c_storage, s, "type storage or layout")
            return
        body = re.search(r"\bSET\s*\((.*)\)\s*$", s, re.I)
        if not body:
            problem(c_kind, s, "ALTER TYPE form")
            return
        for item in split_top(body.group(1)):
            key, _, val = item.partition("=")
            if key.strip().upper() not in TYPE_SETTABLE:
                problem(c_storage, s, "ALTER TYPE sets %s" % key.strip())
            elif val.strip().upper() != "NONE" and not QUALIFIED.match(val.strip()):
                problem(c_qual, s, "%s = %s" % (key.strip(), val.strip()))
        return
    if m and m.group(1).upper() in ("FUNCTION", "AGGREGATE", "PROCEDURE"):
        _, end = paren_after(s, m.start(2))
        words = re.findall(r"[A-Za-z_@.][\w@.]*|\d+(?:\.\d*)?", s[end:])
        for w in words:
            if w.upper() not in FUNCTION_ACTIONS and not re.match(r"^\d", w) and not QUALIFIED.match(w):
                problem(c_kind, s, "ALTER %s ... %s" % (m.group(1).upper(), w))
                break
        return
    if m and " ".join(m.group(1).upper().split()) == "OPERATOR":
        body = re.search(r"\)\s*SET\s*\((.*)\)\s*$", s, re.I)
        if not body:
            problem(c_kind, s, "ALTER OPERATOR form")
            return
        for item in split_top(body.group(1)):
            key, _, val = item.partition("=")
            val = val.strip()
            if key.strip().upper() not in OPERATOR_SETTABLE:
                problem(c_kind, s, "ALTER OPERATOR sets %s" % key.strip())
            elif val and val.upper() != "NONE" and not QUALIFIED.match(val) and \
                    not re.match(r"OPERATOR\s*\(\s*(@extschema@|pg_catalog)\.", val, re.I):
                problem(c_qual, s, "%s = %s" % (key.strip(), val))
        return
    if m and " ".join(m.group(1).upper().split()) == "OPERATOR FAMILY":
        if not re.search(r"\bUSING\s+\w+\s+ADD\b", s, re.I):
            problem(c_kind, s, "ALTER OPERATOR FAMILY other than ADD")
        for target in re.findall(r"\b(?:OPERATOR|FUNCTION)\s+\d+\s*(?:\([^)]*\)\s*)?([^\s,(]+)", s, re.I):
            if not QUALIFIED.match(target):
                problem(c_qual, s, "member %r" % target)
        return
    if re.match(r"^CREATE\s+SCHEMA\s+\w+$", s, re.I):
        return
    g = re.match(r"^GRANT\s+USAGE\s+ON\s+SCHEMA\s+(\w+)\s+TO\s+PUBLIC$", s, re.I)
    if g and g.group(1) in EXTRA_SCHEMAS:
        return
    c = re.match(r"^CREATE\s+CAST\s*\(\s*(\S+)\s+AS\s+(\S+)\s*\)\s*(.*)$", s, re.I)
    if c:
        src, dst, how = c.groups()
        if not (type_ok(src) and type_ok(dst)):
            problem(c_qual, s, "cast types")
        if not (src.startswith("@extschema@.") or dst.startswith("@extschema@.")):
            problem(c_kind, s, "a cast between two types the extension does not own")
        f = re.match(r"WITH\s+FUNCTION\s+(\S+?)\s*\((.*?)\)", how, re.I)
        if f:
            if not QUALIFIED.match(f.group(1)):
                problem(c_qual, s, "cast function")
            for a in split_top(f.group(2)):
                if not type_ok(a):
                    problem(c_qual, s, "cast function argument %r" % a)
        elif not re.match(r"(WITHOUT\s+FUNCTION|WITH\s+INOUT)\b", how, re.I):
            problem(c_kind, s, "cast form")
        return
    problem(c_kind, s, "statement kind")


def main():
    args = sys.argv[1:]
    base = None
    if len(args) == 3 and args[0] == "--update":
        base, args = args[1], args[2:]
    path = args[0]
    text = open(path, encoding="utf-8").read()
    stmts = statements(text)
    problems = {}
    base_sigs = set()
    if base:
        set_schemas([m.group(1) for kind, s in stmts if kind == "sql"
                     for m in [re.match(r"^CREATE\s+SCHEMA\s+(\w+)$", s, re.I)] if m])
        for kind, s in statements(open(base, encoding="utf-8").read()):
            sig = signature(s) if kind == "sql" else None
            if sig:
                base_sigs.add(sig)

    def problem(check, stmt, why):
        problems.setdefault(check, []).append("%s: %s" % (why, stmt[:140]))

    checks = [
        "no SECURITY DEFINER",
        "no CREATE OR REPLACE",
        "only objects named @extschema@.<name> are created",
        "no ALTER, GRANT, REVOKE, SET, ownership change, or schema/role/cast/extension creation",
        "every type, function and operator reference is qualified",
        "every function is LANGUAGE C or internal",
        "no file, network or settings access in the script",
        "the only psql meta-command is the \\echo ... \\quit guard",
    ]
    if base:
        checks[1] = "CREATE OR REPLACE only of a function or aggregate the base script creates"
        checks[2] = "only objects named @extschema@.<name> (or in a schema the script creates) are created"
        checks[3] = ("no GRANT, REVOKE, SET, ownership change, role or extension creation; ALTER, CREATE "
                     "SCHEMA/CAST and GRANT only in the forms an update needs")
        checks += ["no DROP or RENAME of any object", "no ALTER of an existing type's storage or layout"]
    kinds = {"kind": checks[3], "qual": checks[4], "drop": checks[-2], "storage": checks[-1]}
    created = 0
    for kind, s in stmts:
        if kind == "meta":
            if not re.match(r'^\\echo .*\\quit\s*$', s):
                problem(checks[7], s, "meta-command")
            continue
        up = s.upper()
        own_cast = re.match(r"^CREATE\s+CAST\s*\(\s*@extschema@\.(\w+)\s+AS\s+pg_catalog\.\w+\s*\)\s+"
                            r"WITH\s+FUNCTION\s+@extschema@\.\w+\s*\(\s*@extschema@\.(\w+)\s*\)\s*$", s)
        if own_cast and own_cast.group(1) == own_cast.group(2):
            created += 1
            continue
        if "SECURITY DEFINER" in up:
            problem(checks[0], s, "SECURITY DEFINER")
        if re.match(r"^CREATE\s+OR\s+REPLACE\b", up):
            if not base:
                problem(checks[1], s, "CREATE OR REPLACE")
            elif signature(s) not in base_sigs:
                problem(checks[1], s, "CREATE OR REPLACE of an object %s does not create" % base)
        if re.search(r"\b(COPY|PG_READ_FILE|PG_READ_BINARY_FILE|PG_LS_DIR|LO_IMPORT|LO_EXPORT|DBLINK\w*|"
                     r"CURRENT_SETTING|SET_CONFIG|PG_STAT_FILE)\b", up):
            problem(checks[6], s, "file, network or settings access")
        if base and (re.match(r"^(ALTER|GRANT|DROP)\b", up) or re.match(r"^CREATE\s+(SCHEMA|CAST)\b", up)):
            update_statement(s, problem, kinds)
            if re.match(r"^CREATE\s+(SCHEMA|CAST)\b", up):
                created += 1
            continue
        if re.match(r"^(ALTER|GRANT|REVOKE|SET|RESET|REASSIGN|SECURITY LABEL|DO|DROP)\b", up) or \
                re.match(r"^CREATE\s+(SCHEMA|ROLE|USER|GROUP|CAST|EXTENSION|EVENT\s+TRIGGER|"
                         r"TRIGGER|RULE|POLICY|SERVER|FOREIGN|PUBLICATION|SUBSCRIPTION|TRANSFORM|"
                         r"LANGUAGE|CONVERSION|DEFAULT)\b", up):
            problem(checks[3], s, "statement kind")
        if re.match(r"^(SELECT|INSERT|UPDATE|DELETE)\b", up):
            problem(checks[3], s, "data statement in the install script")

        m = re.match(r"^CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|AGGREGATE|TYPE|OPERATOR\s+CLASS|"
                     r"OPERATOR\s+FAMILY|OPERATOR|DOMAIN|TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|"
                     r"INDEX|PROCEDURE|COLLATION|TEXT\s+SEARCH\s+\w+|STATISTICS)\s+(\S+)", s, re.I)
        if m:
            created += 1
            what, name = m.group(1).upper(), m.group(2)
            if not (name.startswith("@extschema@.") or
                    any(name.startswith(x + ".") for x in EXTRA_SCHEMAS)):
                problem(checks[2], s, "object name")
            if what in ("FUNCTION", "PROCEDURE", "AGGREGATE"):
                args, end = paren_after(s, m.end(2) - len(m.group(2)))
                for a in split_top(args.replace(" ORDER BY ", ",")):
                    if a and not type_ok(arg_type(a)):
                        problem(checks[4], s, "argument type %r" % arg_type(a))
                rest = s[end:]
                r = re.search(r"\bRETURNS\s+(TABLE\s*\(|SETOF\s+\S+|\S+)", rest, re.I)
                if r and r.group(1).upper().startswith("TABLE"):
                    cols, _ = paren_after(rest, r.start(1))
                    for col in split_top(cols):
                        if not type_ok(" ".join(col.split()[1:])):
                            problem(checks[4], s, "result column type %r" % col)
                elif r and not type_ok(r.group(1)):
                    problem(checks[4], s, "result type %r" % r.group(1))
                if what != "AGGREGATE":
                    lang = re.search(r"\bLANGUAGE\s+(\w+)", rest, re.I)
                    if not lang or lang.group(1).lower() not in ("c", "internal"):
                        problem(checks[5], s, "language")
                else:
                    for key, val in re.findall(r"\b(SFUNC|STYPE|FINALFUNC|COMBINEFUNC|SERIALFUNC|"
                                               r"DESERIALFUNC|MSFUNC|MINVFUNC|MSTYPE|MFINALFUNC|"
                                               r"SORTOP)\s*=\s*([^,\s)]+)", rest, re.I):
                        if not QUALIFIED.match(val):
                            problem(checks[4], s, "%s = %s" % (key, val))
            elif what == "TYPE" and "(" in s:
                body, _ = paren_after(s, m.end(2))
                for key, val in re.findall(r"\b(INPUT|OUTPUT|RECEIVE|SEND|TYPMOD_IN|TYPMOD_OUT|"
                                           r"ANALYZE|SUBSCRIPT|ELEMENT|LIKE)\s*=\s*([^,\s)]+)", body, re.I):
                    if not QUALIFIED.match(val):
                        problem(checks[4], s, "%s = %s" % (key, val))
            elif what == "OPERATOR":
                body, _ = paren_after(s, m.end(2))
                for key, val in re.findall(r"\b(LEFTARG|RIGHTARG|FUNCTION|PROCEDURE|RESTRICT|JOIN)"
                                           r"\s*=\s*([^,\s)]+)", body, re.I):
                    if not QUALIFIED.match(val):
                        problem(checks[4], s, "%s = %s" % (key, val))
                for key, val in re.findall(r"\b(COMMUTATOR|NEGATOR)\s*=\s*(OPERATOR\s*\([^)]*\)|[^,\s)]+)",
                                           body, re.I):
                    inner = re.match(r"OPERATOR\s*\(\s*(\S+?)\s*\)", val, re.I)
                    if not inner or not QUALIFIED.match(inner.group(1)):
                        problem(checks[4], s, "%s = %s" % (key, val))
            elif what.startswith("OPERATOR CLASS") or what.startswith("OPERATOR  CLASS"):
                ft = re.search(r"\bFOR\s+TYPE\s+(\S+)", s, re.I)
                if not ft or not type_ok(ft.group(1)):
                    problem(checks[4], s, "FOR TYPE")
                items = split_top(s[s.upper().index(" AS ") + 4:])
                for item in items:
                    im = re.match(r"(OPERATOR|FUNCTION|STORAGE)\s+(\d+\s+)?(.*)$", item, re.I)
                    if not im:
                        problem(checks[4], s, "item %r" % item)
                        continue
                    target = im.group(3).strip()
                    if im.group(1).upper() == "OPERATOR":
                        if not QUALIFIED.match(target):
                            problem(checks[4], s, "operator %r" % target)
                    elif im.group(1).upper() == "FUNCTION":
                        if not QUALIFIED.match(target):
                            problem(checks[4], s, "support function %r" % target)
                        if "(" in target:
                            fargs, _ = paren_after(target, 0)
                            for a in split_top(fargs):
                                if not type_ok(a):
                                    problem(checks[4], s, "support function argument %r" % a)
                    elif not type_ok(target):
                        problem(checks[4], s, "storage type %r" % target)
        elif re.match(r"^CREATE\b", up):
            problem(checks[2], s, "unrecognized CREATE")
        cm = re.match(r"^COMMENT\s+ON\s+(FUNCTION|AGGREGATE|TYPE|OPERATOR\s+CLASS|OPERATOR\s+FAMILY|OPERATOR)\s+(\S+)", s, re.I)
        if cm and not QUALIFIED.match(cm.group(2)):
            problem(checks[4], s, "COMMENT ON an unqualified object")

    failed = False
    if created == 0 and not base:
        print("FAIL - the script creates objects (found none in %s)" % path)
        failed = True
    for c in checks:
        if c in problems:
            failed = True
            print("FAIL - %s%s" % ("update script: " if base else "", c))
            for p in problems[c][:10]:
                print("         %s" % p)
        else:
            print("ok - %s%s (%d statements)" % ("update script: " if base else "", c, len(stmts)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
