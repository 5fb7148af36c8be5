#!/usr/bin/env bash
# PostgreSQL ledger benchmark (on demand, not a test). Builds the same movement CSV as
# bench/ledger.sh (N rows, default 1,000,000) and, in the same run, against one PostgreSQL server:
#   1. `ledger import` of it into a workspace on PostgreSQL
#                                     vs  `psql \copy` of the same CSV into a plain table       (goal <= 2x)
#   2. one `ledger add` into that ledger vs one `ledger add` into an empty one                (goal <= 2x)
#   3. `ledger verify` of that ledger (reported, no goal)
# and prints the ratios. The server: CCC_EXEMPT_BENCH_PG_URL (a database whose role may create
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

echo "== 1. import into PostgreSQL"
make_ws "$OUT/ws" "$(db_url bench_ledger)"
time_cmd T_IMPORT "$BIN" --workspace "$OUT/ws" -q ledger import "$OUT/movements.csv"
PLAIN="$(db_url bench_plain)"
psql -X -q "$PLAIN" -c "CREATE TABLE movements (cert text, line bigint, kind text, qty bigint, date text, doc_no text, location text, operator text, note text, evidence text, key text, deviation text)"
time_cmd T_COPY psql -X -q "$PLAIN" -c "\\copy movements FROM '$OUT/movements.csv' WITH (FORMAT csv, HEADER true)"
echo "   ledger import: ${T_IMPORT}s   psql \\copy: ${T_COPY}s"

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

python3 - "$T_IMPORT" "$T_COPY" "$T_ADD_FULL" "$T_ADD_EMPTY" <<'PY'
import sys
imp, cp, full, empty = map(float, sys.argv[1:])
print()
print(f"import / \\copy : {imp / cp:.2f}x   (goal <= 2x)")
print(f"add full/empty : {full / empty:.2f}x   (goal <= 2x)")
PY
