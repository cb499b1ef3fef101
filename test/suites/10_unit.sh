#!/usr/bin/env bash
# C unit tests of the pure core, under ASan and UBSan.
exec bash "$(dirname "$0")/../unit/run.sh"
