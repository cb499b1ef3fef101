# cxsat: customer-experience metrics (NPS, CSAT, CES) as PostgreSQL aggregates
#
#   make demo     set up a throwaway server, load a CRM data set, print metrics
#   make test     every test suite; ends with "N passed, N failed"
#   make bench    the performance benchmark (minutes; not part of make test)
#
# The three targets install what is missing (Debian packages) themselves, so
# this file must still parse when PostgreSQL's build files are absent.

EXTENSION = cxsat
MODULE_big = cxsat
PGFILEDESC = "cxsat - NPS, CSAT and CES aggregates"

CORE_OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/cx_*.c)))
GLUE_OBJS = $(patsubst %.c,%.o,$(sort $(filter-out src/cx_%,$(wildcard src/*.c))))
OBJS = $(CORE_OBJS) $(GLUE_OBJS)

DATA_built = sql/cxsat--0.1.0.sql
EXTRA_CLEAN = sql/cxsat--0.1.0.sql

# pg_regress suites, in order: the first creates the extension
REGRESS = $(basename $(notdir $(sort $(wildcard sql/[0-9][0-9]_*.sql))))
REGRESS_OPTS = --inputdir=. --outputdir=.

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

ifneq ($(wildcard $(PGXS)),)
# server headers as system headers: their own -Wextra noise is not ours
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
include $(PGXS)
endif

sql/cxsat--0.1.0.sql: $(sort $(wildcard sql/parts/*.sql))
	cat $^ > $@

.PHONY: demo test bench unit
demo:
	bash test/demo.sh
test:
	bash test/run-all.sh
bench:
	bash test/bench/run.sh
unit:
	bash test/unit/run.sh
