#!/usr/bin/env python3
"""Static checks of the extension's C sources (src/*.c, src/*.h).

cxsat is a trusted extension: any role with CREATE on a database can install
it, and every role can call its functions.  That is only safe if the code
does nothing but compute on its arguments, so no source file may:

  - open files or directories (fopen, open, AllocateFile, AllocateDir, ...);
  - use the network or other processes (socket, connect, PQconnectdb,
    system, popen, fork, exec*);
  - read settings it does not own (GetConfigOption*, getenv,
    set_config_option; a DefineCustom*Variable must name a "cxsat." setting);
  - run SQL (SPI_*) or change the user identity (SetUserIdAndSecContext);
  - take the server down (PANIC or FATAL reports, abort(), exit(), libc
    assert(): an assertion in a backend would kill it).

Comments and string literals are stripped before matching.  Prints "ok -" or
"FAIL -" per rule; exits 1 if any rule is broken.
"""
import glob
import os
import re
import sys

RULES = [
    ("no file or directory access",
     r"\b(fopen|freopen|open|openat|creat|opendir|AllocateFile|AllocateDir|OpenTransientFile\w*|"
     r"PathNameOpenFile\w*|BasicOpenFile\w*|read_binary_file|unlink|rename|mkdir|stat|lstat)\s*\("),
    ("no network or process access",
     r"\b(socket|connect|bind|listen|accept|getaddrinfo|gethostbyname|PQconnect\w*|PQconnectdb\w*|"
     r"system|popen|fork|execl\w*|execv\w*|dlopen|load_external_function)\s*\("),
    ("no settings it does not own",
     r"\b(GetConfigOption\w*|getenv|secure_getenv|set_config_option\w*|SetConfigOption)\s*\("),
    ("no SQL execution or change of identity",
     r"\b(SPI_\w+|SetUserIdAndSecContext|SetSessionAuthorization|superuser_arg)\s*\("),
    ("nothing takes the server down",
     r"\b(PANIC|FATAL)\b|\b(abort|exit|_exit|assert)\s*\("),
]


def strip(code):
    """Remove comments, string and character literals."""
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    code = re.sub(r"//[^\n]*", " ", code)
    code = re.sub(r'"(\\.|[^"\\\n])*"', '""', code)
    code = re.sub(r"'(\\.|[^'\\\n])*'", "''", code)
    return code


def main():
    src = sys.argv[1]
    files = sorted(glob.glob(os.path.join(src, "*.c")) + glob.glob(os.path.join(src, "*.h")))
    if not files:
        print("FAIL - no source files in %s" % src)
        sys.exit(1)
    failed = False
    stripped = {f: strip(open(f, encoding="utf-8").read()) for f in files}
    for name, pattern in RULES:
        hits = []
        for f, code in stripped.items():
            for lineno, line in enumerate(code.split("\n"), 1):
                if re.search(pattern, line):
                    hits.append("%s:%d: %s" % (os.path.basename(f), lineno, line.strip()))
        if hits:
            failed = True
            print("FAIL - %s" % name)
            for h in hits[:10]:
                print("         %s" % h)
        else:
            print("ok - %s (%d files)" % (name, len(files)))
    # custom settings, if any, are the extension's own
    bad = []
    for f in files:
        raw = open(f, encoding="utf-8").read()
        for m in re.finditer(r"DefineCustom\w+Variable\s*\(\s*\"([^\"]*)\"", raw):
            if not m.group(1).startswith("cxsat."):
                bad.append("%s: %s" % (os.path.basename(f), m.group(1)))
    if bad:
        failed = True
        print("FAIL - custom settings are named cxsat.*")
        for b in bad:
            print("         %s" % b)
    else:
        print("ok - custom settings, if any, are named cxsat.*")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
