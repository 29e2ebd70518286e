#!/usr/bin/env bash
# Runs the peer-benchmark workloads (../shared/bench/WORKLOADS.md) on Fugue.NET and on the peers in ONE harness run,
# then prints medians with Fugue.NET's ratio to the best peer and to its goal.
#
#   bash bench/run-workloads.sh                                  # everything: 1m and 10m, W1-W8, ~20 min on 2 cores
#   SIZES=1m WORKLOADS=W4,W5 SYSTEMS=fugue-net,duckdb-t2,polars bash bench/run-workloads.sh
#
# Environment (all optional):
#   BENCH_DATA   data set directory (default bench/data, git-ignored; generated with the shared generator if missing)
#   BENCH_KIT    shared kit source (default ../shared/bench relative to the repository; copied, it is read-only)
#   KIT_DIR      writable copy of the kit (default ${TMPDIR:-/tmp}/fugue-bench-kit; npm packages installed there)
#   SIZES=1m,10m  WORKLOADS=W1,...,W8  RUNS=3  RUN_TIMEOUT_S=300
#   SYSTEMS      default fugue-net,fugue-net-native,duckdb-t2,duckdb-t2-fused,polars,sqlite
#                (fugue-net: W6 through SqliteEngine; fugue-net-native: W6 through the native Aggregate;
#                 also available: fugue-net-rows, W3 through a row-typed transformer)
#   RAW          raw per-run records (default bench/results/workloads-raw.jsonl, started afresh unless KEEP_RAW=1)
#   NO_BUILD=1   skip the Release build
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

KIT_SRC="${BENCH_KIT:-$REPO/../shared/bench}"
[ -d "$KIT_SRC" ] || KIT_SRC=/work/shared/bench
KIT="${KIT_DIR:-${TMPDIR:-/tmp}/fugue-bench-kit}"
DATA="$(realpath -m "${BENCH_DATA:-$REPO/bench/data}")"
RAW="$(realpath -m "${RAW:-$REPO/bench/results/workloads-raw.jsonl}")"
export BENCH_DATA="$DATA"
export SIZES="${SIZES:-1m,10m}"
export WORKLOADS="${WORKLOADS:-W1,W2,W3,W4,W5,W6,W7,W8}"
export SYSTEMS="${SYSTEMS:-fugue-net,fugue-net-native,duckdb-t2,duckdb-t2-fused,polars,sqlite}"
export RUNS="${RUNS:-3}"

# --- the shared kit, writable (npm packages, generated harness file) ------------------------------------------
if [ ! -f "$KIT/harness/run.mjs" ]; then
  mkdir -p "$KIT"
  cp -r "$KIT_SRC/." "$KIT/"
  chmod -R u+w "$KIT"
fi
for tool in node npm dotnet sqlite3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -d "$KIT/node_modules/@duckdb/node-api" ] || [ ! -d "$KIT/node_modules/nodejs-polars-linux-x64-gnu" ]; then
  (cd "$KIT" && npm install --no-audit --no-fund --loglevel=error)
fi

# --- data (deterministic, shared generator) ---------------------------------------------------------------
if [ ! -f "$DATA/fact_10m.parquet" ] || [ ! -f "$DATA/fact_1m.parquet" ] || [ ! -f "$DATA/dim.parquet" ] || [ ! -f "$DATA/dim.csv" ]; then
  (cd "$KIT" && node gen/generate.mjs --out "$DATA")
fi

# --- build -------------------------------------------------------------------------------------------------
DLL="$REPO/bench/Fugue.Workloads/bin/Release/net10.0/Fugue.Workloads.dll"
if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build "$REPO/bench/Fugue.Workloads/Fugue.Workloads.csproj" -c Release -v quiet -nologo >/dev/null
fi
[ -f "$DLL" ] || { echo "missing $DLL (build failed?)" >&2; exit 1; }

# --- run: the shared harness with our systems registered, then the report -----------------------------------
mkdir -p "$(dirname "$RAW")"
[ "${KEEP_RAW:-0}" = 1 ] || rm -f "$RAW"
echo "machine load before the run: $(uptime)" >&2
start=$(date +%s)
node "$REPO/bench/workloads-harness.mjs" "$KIT" "$DLL" "--raw=$RAW"
echo "harness finished in $(( $(date +%s) - start )) s; machine load after: $(uptime)" >&2
node "$REPO/bench/workloads-report.mjs" "$RAW" "${RAW%.jsonl}-summary.md"
