#!/usr/bin/env bash
# Ledger benchmark (on demand, not a test). Builds a movement CSV of N rows (default 1,000,000)
# and, in the same run, times:
#   1. `ledger import` of it          vs  the sqlite3 CLI's `.import` of the same CSV into a plain table  (goal <= 1.5x)
#   2. `ledger balance` on the result vs  `ccc-exempt --version`                                          (goal <= 3x)
#   3. `ledger verify`                vs  `openssl dgst -sha256` over the database file                    (goal <= 2x)
#   4. one `ledger add` into it       vs  one `ledger add` into an empty ledger                            (goal <= 2x)
#   5. `ledger import --dry-run` of M rows in reverse date order (every row but the first back-dated)
#                                     vs  the same rows in date order                                      (goal <= 2x)
# and prints the ratios. Usage: bench/ledger.sh [N] [M]   (M defaults to 200,000; needs sqlite3,
# openssl, python3; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
M="${2:-200000}"
cargo build --release --quiet
BIN="$PWD/target/release/ccc-exempt"
OUT="$PWD/bench/out"
rm -rf "$OUT"
mkdir -p "$OUT"
export CCC_EXEMPT_NOW="2026-11-27T09:00:00+08:00"
export LANG=C

now_ns() { date +%s%N; }
# time_cmd VAR cmd... : run once, store seconds in VAR
time_cmd() {
  local __var=$1; shift
  local t0 t1
  t0=$(now_ns); "$@" >/dev/null; t1=$(now_ns)
  printf -v "$__var" '%s' "$(python3 -c "print(($t1-$t0)/1e9)")"
}
# best_of VAR K cmd... : the fastest of K runs (for short commands)
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
  "$BIN" init "$dir" --name "基准测试有限公司" --uscc 91110108551385082Q >/dev/null 2>&1
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

echo "== 1. import"
make_ws "$OUT/ws"
time_cmd T_IMPORT "$BIN" --workspace "$OUT/ws" -q ledger import "$OUT/movements.csv"
time_cmd T_SQLITE sqlite3 "$OUT/plain.db" ".mode csv" ".import $OUT/movements.csv movements"
echo "   ledger import: ${T_IMPORT}s   sqlite3 .import: ${T_SQLITE}s"

echo "== 2. balance"
best_of T_BAL 20 "$BIN" --workspace "$OUT/ws" ledger balance
best_of T_VER 20 "$BIN" --version
echo "   ledger balance: ${T_BAL}s   --version: ${T_VER}s"

echo "== 3. verify"
"$BIN" --workspace "$OUT/ws" -q ledger verify >/dev/null
best_of T_VERIFY 3 "$BIN" --workspace "$OUT/ws" -q ledger verify
best_of T_OPENSSL 3 openssl dgst -sha256 "$OUT/ws/.ccc-exempt/workspace.db"
ls -l "$OUT/ws/.ccc-exempt/workspace.db" | awk '{print "   database " $5 " bytes"}'
echo "   ledger verify: ${T_VERIFY}s   openssl dgst -sha256: ${T_OPENSSL}s"

echo "== 4. one add"
make_ws "$OUT/empty"
k=0
add() { k=$((k + 1)); "$BIN" --workspace "$1" -q ledger add --cert BENCH-001 --line 1 --kind inbound --qty 1 --doc-no "INV-ADD-$k"; }
best_of T_ADD_BIG 10 add "$OUT/ws"
best_of T_ADD_EMPTY 10 add "$OUT/empty"
echo "   add into $N: ${T_ADD_BIG}s   add into empty: ${T_ADD_EMPTY}s"

echo "== 5. back-dated import"
python3 - "$M" "$OUT/dated.csv" "$OUT/backdated.csv" <<'PY'
import sys, datetime
m, fwd, back = int(sys.argv[1]), sys.argv[2], sys.argv[3]
start = datetime.date(2020, 1, 2)
days = (datetime.date(2026, 11, 1) - start).days
rows = [
    f"BENCH-001,{i % 4 + 1},inbound,1,{start + datetime.timedelta(days=i * days // m)},INV-{i},一号库,张三,,,BD-{i:09d}\n"
    for i in range(m)
]
head = "cert,line,kind,qty,date,doc_no,location,operator,note,evidence,key\n"
with open(fwd, "w", encoding="utf-8", newline="") as f:
    f.write(head)
    f.writelines(rows)
with open(back, "w", encoding="utf-8", newline="") as f:
    f.write(head)
    f.writelines(reversed(rows))
PY
make_ws "$OUT/dated"
best_of T_DATED 3 "$BIN" --workspace "$OUT/dated" -q ledger import --dry-run "$OUT/dated.csv"
best_of T_BACK 3 "$BIN" --workspace "$OUT/dated" -q ledger import --dry-run "$OUT/backdated.csv"
echo "   $M rows back-dated: ${T_BACK}s   in date order: ${T_DATED}s"

python3 - "$T_IMPORT" "$T_SQLITE" "$T_BAL" "$T_VER" "$T_VERIFY" "$T_OPENSSL" "$T_ADD_BIG" "$T_ADD_EMPTY" "$T_BACK" "$T_DATED" <<'PY'
import sys
a = list(map(float, sys.argv[1:]))
rows = [
    ("ledger import / sqlite3 .import", a[0] / a[1], 1.5),
    ("ledger balance / --version", a[2] / a[3], 3.0),
    ("ledger verify / openssl dgst", a[4] / a[5], 2.0),
    ("add into big / add into empty", a[6] / a[7], 2.0),
    ("back-dated / date-order import", a[8] / a[9], 2.0),
]
print("== ratios")
for name, r, goal in rows:
    print(f"   {name:34} {r:5.2f}x  (goal <= {goal}x) {'ok' if r <= goal else 'OVER'}")
PY
