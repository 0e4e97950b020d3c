#!/usr/bin/env bash
# Builds the servers under test and the load generator, runs every scenario against each server
# (one JVM at a time, all on 127.0.0.0/8), and writes the results into benchmarks/README.md and
# benchmarks/chart.png. About 45 minutes on 2 cores; `--quick` for a short try, `--idle100k` to
# add 100k idle connections, `--scenarios=cluster` for the Redis engine across two nodes against one
# node and against Socket.IO with its Redis adapter (needs redis-server and Node.js with npm; a few
# minutes), `--scenarios=issue14` for issue 14's figures (idle WebSocket and SSE up to 18,000
# connections, the tail with GC logs, compression, cost curves, the cluster with publishers on both
# nodes; about 35 minutes, its own block of the report; needs redis-server and Node.js too).
# Other options: see BenchmarkMain.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each connection is a file descriptor in the server and one in the load generator.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# clean: Spring Boot's repackage keeps a server jar whose own classes did not change, with the
# engine jar it held before, and a run would measure yesterday's engine.
./mvnw -B -q -Pbenchmarks -pl benchmarks/loadgen,benchmarks/server-realtime,benchmarks/server-raw,benchmarks/server-stomp \
  -am clean package -DskipTests

# The cluster scenarios' Socket.IO baseline: exact versions from its package-lock.json.
if [[ " $* " == *cluster* || " $* " == *issue14* ]]; then
  (cd benchmarks/server-socketio && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p benchmarks/target
java -Xms2g -Xmx6g -XX:+UseParallelGC -jar benchmarks/loadgen/target/loadgen.jar \
  --benchmarks=benchmarks --command="benchmarks/run.sh $*" "$@" 2>&1 | tee benchmarks/target/run.log
