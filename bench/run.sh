#!/usr/bin/env bash
# One command for the whole benchmark: builds the jar, runs the JMH kernels (unless BENCH_JMH=0),
# then trains, starts and samples the service next to its PyTorch twin (bench/macro.py).
# Results: target/bench/results.md. Settings: README "Benchmark".
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_JMH:-1}" != 0 ]]; then
    # Packages the jar too; the JMH options can be narrowed with BENCH_JMH_ARGS. Failsafe 3.6
    # no longer reads -DskipTests, so -DskipITs keeps the end-to-end tests from running here.
    rm -f target/jmh.json
    ./mvnw -q -Pbench -DskipTests -DskipITs -Dspotless.check.skip=true verify \
        -Dbench.threads="${BENCH_THREADS:-0}" -Djmh.args="${BENCH_JMH_ARGS:-}"
elif [[ -z "$(ls target/gan-service-*.jar 2>/dev/null)" ]] \
    || [[ -n "$(find src/main pom.xml -newer "$(ls target/gan-service-*.jar | head -1)" \
        -type f | head -1)" ]]; then
    ./mvnw -q -DskipTests package
fi

exec "${BENCH_PYTHON:-/usr/bin/python3}" bench/macro.py
