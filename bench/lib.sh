# Shared by bench/ledger.sh and bench/pg.sh (sourced, not run): timing helpers, the benchmark
# workspace, and the movement CSV of N rows written to $OUT/movements.csv. Expects BIN, OUT and N.
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

# make_ws DIR [STORE_URL] : a workspace with certificate BENCH-001 (four lines), on SQLite or on
# the PostgreSQL database STORE_URL
make_ws() {
  local dir=$1
  local url=${2:-}
  "$BIN" init "$dir" --name "基准测试有限公司" --uscc 91110108551385082Q >/dev/null 2>&1
  if [ -n "$url" ]; then
    printf '\n[store]\nurl = "%s"\n' "$url" >> "$dir/ccc-exempt.toml"
  fi
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
