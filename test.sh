#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, builds with warnings as errors, runs every
# test, and ends with the totals alone on the last line. Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the end-to-end tests (apt-get)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install Chromium: the end-to-end tests will fail."; }
fi

# The PostgreSQL store's tests start a server of their own (Whiteboard.Bench/Hosting/PostgreSqlProcess.cs): the
# package must not make and start Debian's default cluster.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the store tests (apt-get)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  { $sudo apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >/dev/null \
    && $sudo sed -i 's/^#\?create_main_cluster.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
    || { echo "Could not install PostgreSQL: the PostgreSQL store tests will fail."; }
fi

# The cluster tests start a private Redis and HAProxy of their own (Whiteboard.Bench/Hosting/RedisServer.cs, HaProxyServer.cs)
# on ports of their own (whatever the packages may have started) and stop them at the end.
if ! command -v redis-server >/dev/null 2>&1 || ! [ -x /usr/sbin/haproxy ]; then
  echo "Installing Redis and HAProxy for the cluster tests (apt-get)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  { $sudo apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server haproxy >/dev/null; } \
    || { echo "Could not install Redis and HAProxy: the cluster tests will fail."; }
fi

results="$(pwd)/TestResults"
rm -rf "$results"

if ! dotnet build Whiteboard.sln -c Release -warnaserror -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  exit 1
fi

dotnet test Whiteboard.Tests -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$results"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "No test results were written."
  exit 1
fi

# Totals from the results file, not from the console.
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
