#!/usr/bin/env python3
"""validate_meta.py META.json: check a PGXN distribution's META.json.

Debian has no package of PGXN::Meta::Validator (the reference validator,
a Perl module on CPAN), so this checks the rules of the PGXN Meta Spec
1.0.0 (https://pgxn.org/spec/) itself: the required keys and the type of
every key the spec defines.

  required   name (term), version (semver), abstract (string),
             maintainer (string or list of strings), license (a known
             license name, a list of them, or a map of name to URI),
             provides (map of extension term to {file, version, abstract,
             docfile}), meta-spec ({version: "1.0.0", url})
  optional   description, generated_by (strings), tags (list of tags),
             no_index ({file, directory}), prereqs (phase -> relationship
             -> {term: version range}), release_status (stable, testing,
             unstable), resources ({homepage, bugtracker {web, mailto},
             repository {url, web, type}}); and custom keys x_* / X_*

Prints one line per problem and "ok" when there is none; exits 1 on any.
"""
import json
import re
import sys

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+)?$")
LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd",
    "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit",
    "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5", "postgresql", "qpl_1_0", "ssleay",
    "sun", "zlib", "open_source", "restricted", "unrestricted", "unknown",
}
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
problems = []


def bad(path, why):
    problems.append("%s: %s" % (path, why))


def custom(key):
    return key.startswith(("x_", "X_"))


def string(path, v):
    if not isinstance(v, str) or not v.strip():
        bad(path, "must be a non-empty string")
        return False
    return True


def term(path, v):
    if string(path, v) and (len(v) < 2 or re.search(r"[/\\\s\x00-\x1f\x7f]", v)):
        bad(path, "must be a term: 2 or more characters, no slash, backslash, space or control character")


def tag(path, v):
    if string(path, v) and (len(v) > 255 or re.search(r"[/\\\x00-\x1f\x7f]", v)):
        bad(path, "must be a tag: 1 to 255 characters, no slash, backslash or control character")


def semver(path, v):
    if string(path, v) and not SEMVER.match(v):
        bad(path, "%r is not a semantic version (major.minor.patch)" % v)


def version_range(path, v):
    if isinstance(v, (int, float)) and v == 0:
        return
    if not string(path, v):
        return
    for part in v.split(","):
        part = part.strip()
        m = re.match(r"^(==|!=|>=|<=|>|<)?\s*(.+)$", part)
        if not (part == "0" or (m and SEMVER.match(m.group(2)))):
            bad(path, "%r is not a version range" % v)
            return


def uri(path, v):
    if string(path, v) and not URI.match(v):
        bad(path, "%r is not a URI" % v)


def mapping(path, v, keys, required=()):
    """v must be an object whose keys are in keys (name -> checker) or custom."""
    if not isinstance(v, dict):
        bad(path, "must be an object")
        return
    for k in required:
        if k not in v:
            bad(path, "lacks required key %r" % k)
    for k, val in v.items():
        if k in keys:
            keys[k]("%s.%s" % (path, k), val)
        elif not custom(k):
            bad(path, "unknown key %r (custom keys start with x_)" % k)


def list_of(check):
    def f(path, v):
        if isinstance(v, str):
            check(path, v)
        elif isinstance(v, list) and v:
            for i, x in enumerate(v):
                check("%s[%d]" % (path, i), x)
        else:
            bad(path, "must be a string or a non-empty list")
    return f


def license_(path, v):
    def name(p, x):
        if x not in LICENSES:
            bad(p, "%r is not a license name of the spec" % x)
    if isinstance(v, dict):
        for k, u in v.items():
            uri("%s.%s" % (path, k), u)
    else:
        list_of(name)(path, v)


def provides(path, v):
    if not isinstance(v, dict) or not v:
        bad(path, "must be a non-empty object")
        return
    for ext, spec in v.items():
        term("%s key" % path, ext)
        mapping("%s.%s" % (path, ext), spec,
                {"file": string, "version": semver, "abstract": string, "docfile": string},
                required=("file", "version"))


def prereqs(path, v):
    if not isinstance(v, dict):
        bad(path, "must be an object")
        return
    for phase, rels in v.items():
        if phase not in PHASES and not custom(phase):
            bad(path, "unknown phase %r" % phase)
            continue
        if not isinstance(rels, dict):
            bad("%s.%s" % (path, phase), "must be an object")
            continue
        for rel, reqs in rels.items():
            p = "%s.%s.%s" % (path, phase, rel)
            if rel not in RELATIONS:
                bad(p, "unknown relationship")
            elif not isinstance(reqs, dict):
                bad(p, "must be an object")
            else:
                for name, rng in reqs.items():
                    term("%s key" % p, name)
                    version_range("%s.%s" % (p, name), rng)


def release_status(path, v):
    if v not in ("stable", "testing", "unstable"):
        bad(path, "must be stable, testing or unstable")


def tags(path, v):
    if not isinstance(v, list) or not v:
        bad(path, "must be a non-empty list")
        return
    for i, t in enumerate(v):
        tag("%s[%d]" % (path, i), t)


def strings(path, v):
    if not isinstance(v, list):
        bad(path, "must be a list")
        return
    for i, x in enumerate(v):
        string("%s[%d]" % (path, i), x)


def meta_spec(path, v):
    mapping(path, v, {"version": lambda p, x: x == "1.0.0" or bad(p, "must be \"1.0.0\""), "url": uri},
            required=("version",))


def resources(path, v):
    mapping(path, v, {
        "homepage": uri,
        "bugtracker": lambda p, x: mapping(p, x, {"web": uri, "mailto": string}),
        "repository": lambda p, x: mapping(p, x, {"url": uri, "web": uri, "type": string}),
    })


TOP = {
    "name": term, "version": semver, "abstract": string, "maintainer": list_of(string),
    "license": license_, "provides": provides, "meta-spec": meta_spec,
    "description": string, "generated_by": string, "tags": tags,
    "no_index": lambda p, x: mapping(p, x, {"file": strings, "directory": strings}),
    "prereqs": prereqs, "release_status": release_status, "resources": resources,
}


def main():
    try:
        meta = json.load(open(sys.argv[1], encoding="utf-8"))
    except (OSError, ValueError) as e:
        print("%s: not readable JSON: %s" % (sys.argv[1], e))
        sys.exit(1)
    mapping("META", meta, TOP, required=("name", "version", "abstract", "maintainer", "license",
                                         "provides", "meta-spec"))
    for p in problems:
        print(p)
    if not problems:
        print("ok")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
