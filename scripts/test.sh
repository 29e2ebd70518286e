#!/usr/bin/env bash
# Runs every test project of the solution and prints one summary line:
#   "N passed, N failed, N skipped"
# Installs what the tests need on a fresh machine first (see scripts/prereqs.sh).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/prereqs.sh

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

config="${CONFIGURATION:-Release}"
dotnet build Fugue.slnx -c "$config" -warnaserror -nologo -v quiet
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# One run per test project, each with its own result file, so that no two runs can overwrite each other.
test_rc=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c "$config" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || test_rc=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); ab=$(get aborted); ne=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${ab:-0}))
  skipped=$((skipped + ${ne:-0}))
done

# A test host that crashed leaves no counters: count it as a failure rather than hide it.
if [ $test_rc -ne 0 ] && [ $failed -eq 0 ]; then
  failed=1
fi
if [ $files -eq 0 ]; then
  echo "no test results were written"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
