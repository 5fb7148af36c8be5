#!/usr/bin/env bash
# PostgreSQL ledger benchmark (on demand, not a test). Builds the same movement CSV as
# bench/ledger.sh (N rows, default 1,000,000) and, in the same run, against one PostgreSQL server:
#   1. `ledger import` of it into a workspace on PostgreSQL
#                                     vs  `psql \copy` of the same CSV into a plain table       (goal <= 2x)
#   2. one `ledger add` into that ledger vs one `ledger add` into an empty one                (goal <= 2x)
#   3. `ledger verify` of that ledger (reported, no goal)
# and prints the ratios; for the import also in CPU time (the client's and the server's, measured
# on a throwaway server from its processes' times), which a loaded machine disturbs less. The server: CCC_EXEMPT_BENCH_PG_URL (a database whose role may create
# databases), else a throwaway cluster started with scripts/pg-cluster.sh in a temporary directory.
# Usage: bench/pg.sh [N]   (needs psql, python3; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
cargo build --release --quiet
BIN="$PWD/target/release/ccc-exempt"
OUT="$PWD/bench/out-pg"
rm -rf "$OUT"
mkdir -p "$OUT"
export CCC_EXEMPT_NOW="2026-11-27T09:00:00+08:00"
export LANG=C

if [ -n "${CCC_EXEMPT_BENCH_PG_URL:-}" ]; then
  SERVER="$CCC_EXEMPT_BENCH_PG_URL"
else
  PGDIR=$(mktemp -d /tmp/ccc-exempt-bench-pg.XXXXXX)
  SERVER=$(PG_TEST_PORT="${PG_BENCH_PORT:-55433}" scripts/pg-cluster.sh start "$PGDIR")
  trap 'scripts/pg-cluster.sh stop "$PGDIR"' EXIT
fi
db_url() { python3 -c "import sys; u=sys.argv[1]; b,q=(u.split('?',1)+[''])[:2]; print(b.rsplit('/',1)[0]+'/'+sys.argv[2]+('?'+q if q else ''))" "$SERVER" "$1"; }
for d in bench_ledger bench_empty bench_plain; do
  psql -X -q "$SERVER" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d"
done

# shellcheck source=bench/lib.sh
. bench/lib.sh

# CPU seconds the throwaway server has used so far: the postmaster, the backends it has reaped
# (a finished command's backend is in its children's time) and its live processes. Empty for a
# server given by CCC_EXEMPT_BENCH_PG_URL.
server_cpu() {
  [ -n "${PGDIR:-}" ] || return 0
  local pm
  pm=$(head -1 "$PGDIR/data/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
    for c in $(ps --ppid "$pm" -o pid=); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null; done
  } | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }'
}
# cpu_cmd CLIENT SERVER cmd... : run once; the command's and the server's CPU seconds
cpu_cmd() {
  local __c=$1 __s=$2 s0 s1; shift 2
  s0=$(server_cpu)
  /usr/bin/time -f "%U %S" -o "$OUT/cpu.txt" "$@" >/dev/null
  sleep 0.5
  s1=$(server_cpu)
  printf -v "$__c" '%s' "$(awk '{ printf "%.2f", $1 + $2 }' "$OUT/cpu.txt")"
  printf -v "$__s" '%s' "$(awk -v a="${s0:-0}" -v b="${s1:-0}" 'BEGIN { printf "%.2f", b - a }')"
}

echo "== 1. import into PostgreSQL"
make_ws "$OUT/ws" "$(db_url bench_ledger)"
time_cmd T_IMPORT "$BIN" --workspace "$OUT/ws" -q ledger import "$OUT/movements.csv"
PLAIN="$(db_url bench_plain)"
psql -X -q "$PLAIN" -c "CREATE TABLE movements (cert text, line bigint, kind text, qty bigint, date text, doc_no text, location text, operator text, note text, evidence text, key text, deviation text)"
time_cmd T_COPY psql -X -q "$PLAIN" -c "\\copy movements FROM '$OUT/movements.csv' WITH (FORMAT csv, HEADER true)"
echo "   ledger import: ${T_IMPORT}s   psql \\copy: ${T_COPY}s"
# The same two again, for their CPU time (client and server; on a loaded machine the wall clock
# mostly measures waiting), into fresh databases.
if [ -x /usr/bin/time ] && [ -n "${PGDIR:-}" ]; then
  for d in bench_ledger2 bench_plain2; do
    psql -X -q "$SERVER" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d"
  done
  make_ws "$OUT/ws2" "$(db_url bench_ledger2)"
  cpu_cmd C_IMPORT S_IMPORT "$BIN" --workspace "$OUT/ws2" -q ledger import "$OUT/movements.csv"
  PLAIN2="$(db_url bench_plain2)"
  psql -X -q "$PLAIN2" -c "CREATE TABLE movements (cert text, line bigint, kind text, qty bigint, date text, doc_no text, location text, operator text, note text, evidence text, key text, deviation text)"
  cpu_cmd C_COPY S_COPY psql -X -q "$PLAIN2" -c "\\copy movements FROM '$OUT/movements.csv' WITH (FORMAT csv, HEADER true)"
  echo "   CPU: ledger import ${C_IMPORT}s + server ${S_IMPORT}s   psql \\copy ${C_COPY}s + server ${S_COPY}s"
fi

echo "== 2. one add"
make_ws "$OUT/empty" "$(db_url bench_empty)"
k=0
add() {
  k=$((k + 1))
  "$BIN" --workspace "$1" -q ledger add --cert BENCH-001 --line 1 --kind inbound --qty 1 \
    --doc-no "ONE-$k" --date 2026-11-20
}
best_of T_ADD_FULL 10 add "$OUT/ws"
best_of T_ADD_EMPTY 10 add "$OUT/empty"
echo "   into the 1,000,000-entry ledger: ${T_ADD_FULL}s   into an empty one: ${T_ADD_EMPTY}s"

echo "== 3. verify"
time_cmd T_VERIFY "$BIN" --workspace "$OUT/ws" -q ledger verify
echo "   ledger verify: ${T_VERIFY}s"

python3 - "$T_IMPORT" "$T_COPY" "$T_ADD_FULL" "$T_ADD_EMPTY" "${C_IMPORT:-}" "${S_IMPORT:-}" "${C_COPY:-}" "${S_COPY:-}" <<'PY'
import sys
imp, cp, full, empty = map(float, sys.argv[1:5])
print()
print(f"import / \\copy : {imp / cp:.2f}x   (goal <= 2x)")
if all(sys.argv[5:9]):
    ci, si, cc, sc = map(float, sys.argv[5:9])
    print(f"  in CPU time  : {(ci + si) / (cc + sc):.2f}x   (server alone {si / sc:.2f}x)")
print(f"add full/empty : {full / empty:.2f}x   (goal <= 2x)")
PY
