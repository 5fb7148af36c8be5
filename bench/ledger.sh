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

# shellcheck source=bench/lib.sh
. bench/lib.sh

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
