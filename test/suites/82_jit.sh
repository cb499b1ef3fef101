#!/usr/bin/env bash
# JIT and cxsat (docs/jit.md).  A PostgreSQL built with LLVM makes PGXS
# install cxsat's bitcode, from which JIT inlining may copy a small cxsat
# function into a query's compiled code.  The copy then calls cxsat's other
# functions, and reads its tables, by name, looked up in the running server:
# each one the bitcode defines must therefore be exported by the installed
# cxsat.so, or the session ends with "fatal llvm error: Program used external
# function ... which could not be resolved".  16 and later hide extension
# symbols by default; the Makefile keeps them visible.  Checked here on the
# installed files, so that it holds on every major whichever JIT inlines.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

pgxs_global=$(dirname "$("$PG_CONFIG" --pgxs)")/../Makefile.global
with_llvm=$(sed -n 's/^with_llvm[[:space:]]*=[[:space:]]*//p' "$pgxs_global")
if [ "$with_llvm" != yes ]; then
	echo "skip - jit: PostgreSQL $PG_MAJOR is built without LLVM (no JIT, no bitcode)"
	exit 0
fi

pkglibdir=$("$PG_CONFIG" --pkglibdir)
bitcode=$pkglibdir/bitcode
objs=$(sed -n 's/^\(CORE_OBJS\|GLUE_OBJS\) = //p' Makefile | tr ' ' '\n' | sed -n 's/\.o$//p')
missing=()
[ -f "$bitcode/cxsat.index.bc" ] || missing+=("cxsat.index.bc")
for o in $objs; do
	[ -f "$bitcode/cxsat/$o.bc" ] || missing+=("cxsat/$o.bc")
done
if [ -n "$objs" ] && [ ${#missing[@]} -eq 0 ]; then
	cx_result pass "jit: cxsat's bitcode and its inlining index are installed in $bitcode"
else
	cx_result fail "jit: bitcode installed (missing: ${missing[*]:-the object list})"
fi

# llvm-nm of the LLVM that PGXS compiles bitcode with (it reads that format)
clang=$(sed -n 's/^CLANG[[:space:]]*=[[:space:]]*//p' "$pgxs_global")
llvm_nm=$(dirname "$(readlink -f "$(command -v "${clang:-clang}")")")/llvm-nm
if [ ! -x "$llvm_nm" ]; then
	cx_result fail "jit: no llvm-nm beside $clang to read the bitcode with"
	exit 0
fi
defined=$(for o in $objs; do
	"$llvm_nm" --defined-only --extern-only --format=just-symbols "$bitcode/cxsat/$o.bc"
done | sort -u)
exported=$(nm -D --defined-only "$pkglibdir/cxsat.so" | awk '{ print $3 }' | sort -u)
hidden=$(comm -23 <(echo "$defined") <(echo "$exported"))
if [ "$(wc -l <<<"$defined")" -gt 100 ] && [ -z "$hidden" ]; then
	cx_result pass "jit: all $(wc -l <<<"$defined") symbols cxsat's bitcode defines are exported by cxsat.so, so inlined code can reach them"
else
	echo "$hidden" | head -20
	cx_result fail "jit: $(grep -c . <<<"$hidden") symbols of the bitcode are hidden in cxsat.so (inlined code calling them would end the session)"
fi
exit 0
