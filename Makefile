# cxsat: customer-experience metrics (NPS, CSAT, CES) as PostgreSQL aggregates
#
#   make                 build against the PostgreSQL that PG_CONFIG names
#   make install         (sudo make install PG_CONFIG=... : sudo drops the environment)
#   make demo            set up a throwaway server, load a CRM data set, print metrics
#   make test            every test suite; ends with "N passed, N failed"
#   make test-versions   the same pg_regress and upgrade suites on 14..19 (slow)
#   make bench           the performance benchmark (minutes; not part of make test)
#
# The last four install what is missing (Debian packages) themselves and
# default to Debian 12's PostgreSQL 15, so this file must still parse when
# PostgreSQL's build files are absent; building needs them.

EXTENSION = cxsat
MODULE_big = cxsat
PGFILEDESC = "cxsat - NPS, CSAT and CES aggregates"

# the pure C core (no server headers; unit-tested and fuzzed on its own)
CORE_OBJS = src/cx_core.o src/cx_stats.o src/cx_summary.o src/cx_tally.o
# the fmgr glue
GLUE_OBJS = src/aggregates.o src/feedback.o src/glue.o src/stats.o src/summary.o
OBJS = $(CORE_OBJS) $(GLUE_OBJS)
OBJS += src/cx_change.o src/change.o

DATA = sql/cxsat--0.1.0.sql
# The 0.1.0 -> 0.2.0 update, assembled from its parts (one per concern).
# A fresh CREATE EXTENSION installs 0.1.0 and applies it, as contrib does.
DATA_built = sql/cxsat--0.1.0--0.2.0.sql
UPGRADE_0_2_0_PARTS = $(sort $(wildcard $(srcdir)/sql/upgrade-0.2.0/*.sql))

# pg_regress suites, in order: the first creates the extension
REGRESS = $(basename $(notdir $(sort $(wildcard sql/[0-9][0-9]_*.sql))))
REGRESS_OPTS = --inputdir=. --outputdir=.

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

# Keep every symbol of cxsat.so visible, as PostgreSQL 14 and 15 do for all
# extensions (16 and later build them with -fvisibility=hidden).  JIT
# inlining copies small cxsat functions from the installed bitcode into a
# query's compiled code, and the copy calls cxsat's other functions by name:
# a hidden name cannot be resolved and ends the session (docs/jit.md).
# Every such symbol is prefixed cx_ (or is a SQL function's, exported anyway).
override CFLAGS_SL_MODULE =

# Targets that set up their own PostgreSQL and so need no PGXS to start.
SELF_SETUP_GOALS = demo test test-versions bench unit

ifneq ($(wildcard $(PGXS)),)
# (before the include: pgxs.mk tests it as it is read)
EXTRA_CLEAN += .cxsat-target
# server headers as system headers: their own -Wextra noise is not ours
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
include $(PGXS)

# The tree remembers the server it was built for, so that an install or a
# test run against another one (sudo drops PG_CONFIG from the environment,
# and root's pg_config may be another major) stops instead of installing a
# module built for the wrong server.
CX_TARGET := $(shell $(PG_CONFIG) --version) in $(shell $(PG_CONFIG) --pkglibdir)
CX_BUILT := $(strip $(file <.cxsat-target))
ifneq ($(CX_BUILT),)
ifneq ($(CX_BUILT),$(CX_TARGET))
ifeq ($(filter clean distclean $(SELF_SETUP_GOALS),$(MAKECMDGOALS)),)
$(error cxsat: this tree was built for $(CX_BUILT), but PG_CONFIG=$(PG_CONFIG) is $(CX_TARGET). Name the same PG_CONFIG (sudo drops the environment: sudo make install PG_CONFIG=/path/to/pg_config), or run make clean first)
endif
endif
endif
all: .cxsat-target
.cxsat-target:
	echo '$(CX_TARGET)' >$@
else ifneq ($(filter-out $(SELF_SETUP_GOALS),$(or $(MAKECMDGOALS),all)),)
$(error cxsat: "$(PG_CONFIG)" gives no PGXS to build with. Install the server development package (Debian: postgresql-server-dev-15) or name another server: make PG_CONFIG=/path/to/pg_config)
endif

# The directory is a prerequisite too: removing a part changes its mtime.
sql/cxsat--0.1.0--0.2.0.sql: $(UPGRADE_0_2_0_PARTS) $(srcdir)/sql/upgrade-0.2.0
	cat $(UPGRADE_0_2_0_PARTS) >$@

.PHONY: demo test test-versions bench unit
demo:
	bash test/demo.sh
test:
	bash test/run-all.sh
test-versions:
	bash test/versions/run.sh
bench:
	bash test/bench/run.sh
unit:
	bash test/unit/run.sh
