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

now_ns() { date +%s%N; }
time_cmd() {
  local __var=$1; shift
  local t0 t1
  t0=$(now_ns); "$@" >/dev/null; t1=$(now_ns)
  printf -v "$__var" '%s' "$(python3 -c "print(($t1-$t0)/1e9)")"
}
best_of() {
  local __var=$1 k=$2; shift 2
  local best=""
  for _ in $(seq "$k"); do
    local t0 t1 d
    t0=$(now_ns); "$@" >/dev/null; t1=$(now_ns)
    d=$((t1 - t0))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  printf -v "$__var" '%s' "$(python3 -c "print($best/1e9)")"
}

make_ws() {
  local dir=$1
  local url=$2
  "$BIN" init "$dir" --name "基准测试有限公司" --uscc 91110108551385082Q >/dev/null 2>&1
  printf '\n[store]\nurl = "%s"\n' "$url" >> "$dir/ccc-exempt.toml"
  mkdir -p "$dir/applications/bench"
  cat > "$dir/applications/bench/application.toml" <<'TOML'
condition = "research"
applicant_role = "rd-test-institution"
purpose = "基准测试"

[[products]]
name = "电锤"
model = "HX-26"
quantity = 10000000
unit = "台"
hs_code = "8467211000"
ccc_code = "0506"
ccc_reason = "手持式电锤"

[[products]]
name = "角磨机"
model = "AG-9"
quantity = 10000000
unit = "台"
hs_code = "8467291000"
ccc_code = "0506"
ccc_reason = "角磨机"

[[products]]
name = "电钻"
model = "DR-13"
quantity = 10000000
unit = "台"
hs_code = "8467211000"
ccc_code = "0506"
ccc_reason = "电钻"

[[products]]
name = "电圆锯"
model = "CS-7"
quantity = 10000000
unit = "台"
hs_code = "8467229000"
ccc_code = "0506"
ccc_reason = "电圆锯"

[import]
contract_no = "C-BENCH"

[research]
kind = "testing"
plan = "基准测试"
disposal = "reexport"
TOML
  # The benchmark application is minimal (never checked clean): forced past S003.
  "$BIN" --workspace "$dir" app approve bench --cert-no BENCH-001 --issued 2020-01-01 \
    --force --reason "benchmark fixture" >/dev/null
}

echo "== building a $N-row movement CSV"
printf '%%PDF-1.4\n%% export declaration\n' > "$OUT/decl.pdf"
printf '\x89PNG\r\n\x1a\n' > "$OUT/photo.png"
python3 - "$N" "$OUT/movements.csv" <<'PY'
import sys, datetime
n, path = int(sys.argv[1]), sys.argv[2]
start = datetime.date(2020, 1, 2)
# One cycle per line: inbound 4, issue 2, return 1, scrap 1 (photo; a deviation from the
# committed re-export, with its reason), reexport 2 (declaration).
cycle = [
    ("inbound", 4, "INV-{c}", "", ""),
    ("issue", 2, "", "", ""),
    ("return", 1, "", "", ""),
    ("scrap", 1, "", "photo.png", "测试中损坏"),
    ("reexport", 2, "EXP-{c}", "decl.pdf", ""),
]
days = (datetime.date(2026, 11, 1) - start).days
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("cert,line,kind,qty,date,doc_no,location,operator,note,evidence,key,deviation\n")
    for i in range(n):
        c, step = divmod(i, len(cycle))
        line = c % 4 + 1
        kind, qty, doc, ev, dev = cycle[step]
        d = start + datetime.timedelta(days=i * days // n)
        f.write(f"BENCH-001,{line},{kind},{qty},{d},{doc.format(c=c)},一号库,张三,,{ev},ERP-{i:09d},{dev}\n")
PY
ls -l "$OUT/movements.csv" | awk '{print "   " $5 " bytes"}'

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
