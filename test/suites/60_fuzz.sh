#!/usr/bin/env bash
# libFuzzer harnesses of the pure C core (test/fuzz/fuzz_*.c), built with
# AddressSanitizer and UndefinedBehaviorSanitizer, each run for 15
# seconds from a copy of its seed corpus: feedback text and binary,
# feedback_tally text, feedback_summary text, binary (wire) and stored
# forms.  Each target is one result, with the number of executions.
# The long campaign: bash test/fuzz/run.sh --long 3600 (see its header).
exec bash "$(dirname "$0")/../fuzz/run.sh" --seconds "${CX_FUZZ_SECONDS:-15}"
