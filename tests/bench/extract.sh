#!/bin/sh
# Article reader + extraction throughput on a generated corpus (every format).
"$BUILD/tests/bench_extract" 300
