#!/usr/bin/env bash
# Benchmark of `ccc-exempt check` (on demand, not part of the test suite).
#
# Generates, in a temporary directory, a workspace holding one application with 2,000 product
# lines and 50 material files (PDF/JPEG/PNG files copied from examples/demo; the comparison table
# and import documents then generated with the models in their text layers), then times
# `ccc-exempt check` of it in the same run against two baselines, with the release build:
#   - the parse of the same application.toml with the `toml` crate alone (examples/toml_parse.rs,
#     a process that reads the file, parses it into a table and exits). Goal: check ≤ 1.5 × parse,
#     both for the default check (content examined; the cache warm, as after a first check) and
#     for `check --content off`.
#   - `ccc-exempt --version` (process start-up). Goal: check ≤ 5 × --version.
# Then, on a copy of examples/demo, the README's first command (the six complete applications):
# a second check with the content cache warm against `check --content off`. Goal: ≤ 1.2×.
# Uses hyperfine when installed (Debian package `hyperfine`), else a bash loop over N runs.
#
#   bench/check.sh            # N=30 runs each for the fallback loop
#   N=100 bench/check.sh
#   KEEP=1 bench/check.sh     # keep the generated workspace and print its path
#   BIN=/path/to/ccc-exempt bench/check.sh   # time another build (say, the one before a change)
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-30}"
LINES=2000
FILES=50
DEMO=examples/demo/applications/2026-line-01/materials

TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$(pwd)/$TARGET"
PARSE_BIN="$TARGET/release/examples/toml_parse"
if [[ -n "${BIN:-}" ]]; then # another build of ccc-exempt, to compare: no cargo build then
  [[ -x "$PARSE_BIN" ]] || cargo build --release --quiet --example toml_parse
else
  cargo build --release --quiet --bin ccc-exempt --example toml_parse
  BIN="$TARGET/release/ccc-exempt"
fi
[[ -x "$BIN" && -x "$PARSE_BIN" ]] || { echo "no release binaries under $TARGET/release" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccc-exempt-bench.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
  echo "workspace kept in $WORK" >&2
else
  trap 'rm -rf "$WORK"' EXIT
fi
WS="$WORK/ws"
APP="$WS/applications/bench-2000"
mkdir -p "$APP/materials"

# The profile of the demo; thresholds high enough that this large batch is not a key inspection
# target (K001) and the check answers "no findings".
cat >"$WS/ccc-exempt.toml" <<'TOML'
authority = "苏州市市场监督管理局"

[applicant]
name = "苏州恒拓精密电器有限公司"
uscc = "91320594MA27H3JW6F"
address = "江苏省苏州市苏州工业园区星湖街218号B3栋"

[thresholds]
upload_limit_mb = 10
key_quantity = 1000000
key_amount = 1000000000000
TOML

# 50 material files: 1 licence, 1 letter, 20 pages of comparison table, 8 proofs, 20 import documents.
declare -A COUNT=([business-licence]=1 [commitment-letter]=1 [comparison-table]=20 [production-line-proof]=8 [import-documents]=20)
declare -A SOURCE=([business-licence]=business-licence.pdf [commitment-letter]=commitment-letter.pdf [comparison-table]=comparison-table.pdf [production-line-proof]=line-layout.png [import-documents]=commercial-invoice.pdf)
MATERIALS=""
total_files=0
for kind in business-licence commitment-letter comparison-table production-line-proof import-documents; do
  src="$DEMO/${SOURCE[$kind]}"
  ext="${src##*.}"
  files=""
  for ((k = 1; k <= COUNT[$kind]; k++)); do
    name="materials/$kind-$k.$ext"
    cp "$src" "$APP/$name"
    files+="\"$name\", "
    total_files=$((total_files + 1))
  done
  MATERIALS+=$'\n[[materials]]\n'"kind = \"$kind\""$'\n'"files = [${files%, }]"$'\n'"sealed = true"$'\n'
done
[[ $total_files -eq $FILES ]] || { echo "generated $total_files files, want $FILES" >&2; exit 2; }

# The comparison table and the import documents list the application's models (and the import
# documents its contract and invoice numbers) in their text layers, as a real application's do:
# the check with content examined then has no findings either, instead of 4,000 M015 warnings
# (the demo's pages list the demo's models) whose printing would be the figure. 100 models a
# file, one text-layer page each (Helvetica, like the demo's generated PDFs).
python3 - "$APP/materials" "$LINES" <<'PY'
import sys

out, lines = sys.argv[1], int(sys.argv[2])


def pdf(path, rows):
    text = "BT /F1 8 Tf 36 806 Td 9.5 TL\n" + "".join(f"({r}) Tj T*\n" for r in rows) + "ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text.encode() + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    body += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(body)


per = lines // 20
for k in range(1, 21):
    models = [f"{n}  BX-{1000 + n - 1}  ARCON" for n in range((k - 1) * per + 1, k * per + 1)]
    pdf(f"{out}/comparison-table-{k}.pdf", ["Comparison table / page %d" % k] + models)
    pdf(f"{out}/import-documents-{k}.pdf",
        ["Invoice ARC-2026-9000  Contract HT-EQ-2026-9000  page %d" % k] + models)
PY

# 2,000 product lines over verified catalogue codes, each with its own model.
CODES=(0201 0301 0401 0501 0503 0506 0603 0604 0605 0607)
NAMES=(插头插座 低压成套开关设备 小功率电动机 电钻 电动砂轮机 电锤 直流弧焊机 TIG弧焊机 MIG/MAG弧焊机 等离子弧切割机)
HS=(8536690000 8537109000 8501409000 8467211000 8467291000 8467219000 8515319000 8515319000 8515319000 8456401000)
{
  cat <<'TOML'
condition = "production-line"
applicant_role = "factory"
purpose = "整厂搬迁项目：全部设备及零部件用于本公司新建焊接与装配生产线，安装后自用，不销售"
prepared_on = 2026-11-20

[import]
contract_no = "HT-EQ-2026-9000"
invoice_no = "ARC-2026-9000"

[production_line]
line = "新建焊接与装配成套生产线"
proof = "项目备案证明、设备清单、车间平面布置图"
TOML
  for ((i = 0; i < LINES; i++)); do
    c=$((i % ${#CODES[@]}))
    cat <<TOML

[[products]]
name = "${NAMES[$c]}"
model = "BX-$((1000 + i))"
brand = "ARCON"
manufacturer = "Arcon Schweisstechnik GmbH"
origin = "DE"
quantity = $((1 + i % 7))
unit = "台"
unit_price = "$((100 + i % 900)).50"
currency = "EUR"
hs_code = "${HS[$c]}"
ccc_code = "${CODES[$c]}"
ccc_reason = "生产线配套设备第$((i + 1))项，属目录产品种类“${NAMES[$c]}”（${CODES[$c]}）"
TOML
  done
  printf '%s' "$MATERIALS"
} >"$APP/application.toml"

export CCC_EXEMPT_NOW=2026-11-27T09:00:00+08:00
unset CCC_EXEMPT_WORKSPACE NO_COLOR CLICOLOR_FORCE
CHECK=("$BIN" --workspace "$WS" check bench-2000)
CHECK_OFF=("$BIN" --workspace "$WS" check --content off bench-2000)
VERSION=("$BIN" --version)
PARSE=("$PARSE_BIN" "$APP/application.toml")
# The demo workspace, copied (a check records its result in the workspace's database).
cp -r examples/demo "$WORK/demo"
DEMO_APPS=(2026-research-01 2026-repair-01 2026-line-01 2026-expo-01 2026-export-01 2026-other-01)
DEMO_CHECK=("$BIN" --workspace "$WORK/demo" check "${DEMO_APPS[@]}")
DEMO_OFF=("$BIN" --workspace "$WORK/demo" check --content off "${DEMO_APPS[@]}")

# The check must pass (exit 0, no findings) for the figure to mean anything; the first run also
# creates and migrates the workspace database.
if ! "${CHECK[@]}" >"$WORK/first-run.txt" 2>&1; then
  cat "$WORK/first-run.txt" >&2
  echo "check of the generated application did not pass" >&2
  exit 1
fi
# The first check of the demo examines its materials (fills the cache) and must pass too.
if ! "${DEMO_CHECK[@]}" >"$WORK/demo-first-run.txt" 2>&1; then
  cat "$WORK/demo-first-run.txt" >&2
  echo "check of the demo applications did not pass" >&2
  exit 1
fi
echo "workspace: 1 application, $LINES product lines, $FILES material files ($(du -sh "$APP" | cut -f1)), application.toml $(wc -c <"$APP/application.toml") bytes"
echo "binary:    $("$BIN" --version)"

report() { # version check check-off parse demo demo-off, in seconds or any one unit
  awk -v v="$1" -v c="$2" -v o="$3" -v p="$4" -v d="$5" -v e="$6" 'BEGIN {
    printf "check (content, warm cache) %.2f ms / toml parse %.2f ms = %.2fx (goal <= 1.5x)\n", c * 1000, p * 1000, c / p
    printf "check --content off %.2f ms / toml parse %.2f ms = %.2fx (goal <= 1.5x)\n", o * 1000, p * 1000, o / p
    printf "check (content, warm cache) %.2f ms / --version %.2f ms = %.1fx (goal <= 5x)\n", c * 1000, v * 1000, c / v
    printf "demo: check (warm cache) %.2f ms / check --content off %.2f ms = %.2fx (goal <= 1.2x)\n", d * 1000, e * 1000, d / e }'
}
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs "$N" --shell=none --export-json "$WORK/hyperfine.json" \
    --command-name version "${VERSION[*]}" \
    --command-name parse "${PARSE[*]}" \
    --command-name check "${CHECK[*]}" \
    --command-name check-off "${CHECK_OFF[*]}" \
    --command-name demo "${DEMO_CHECK[*]}" \
    --command-name demo-off "${DEMO_OFF[*]}"
  means=($(grep -o '"mean": *[0-9.e+-]*' "$WORK/hyperfine.json" | sed 's/.*: *//'))
  echo "wall time (mean):"
  report "${means[0]}" "${means[2]}" "${means[3]}" "${means[1]}" "${means[4]}" "${means[5]}"
  # CPU time (user + system) as well: on a loaded machine the wall clock mostly measures waiting.
  users=($(grep -o '"user": *[0-9.e+-]*' "$WORK/hyperfine.json" | sed 's/.*: *//'))
  systems=($(grep -o '"system": *[0-9.e+-]*' "$WORK/hyperfine.json" | sed 's/.*: *//'))
  cpu=()
  for k in 0 1 2 3 4 5; do cpu+=("$(awk -v u="${users[$k]}" -v s="${systems[$k]}" 'BEGIN { print u + s }')"); done
  echo "CPU time (user + system, mean):"
  report "${cpu[0]}" "${cpu[2]}" "${cpu[3]}" "${cpu[1]}" "${cpu[4]}" "${cpu[5]}"
else
  run() { # command...
    for ((k = 0; k < 3; k++)); do "$@" >/dev/null 2>&1; done
    local start end
    start=$(date +%s%N)
    for ((k = 0; k < N; k++)); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    echo $(((end - start) / N))
  }
  v=$(run "${VERSION[@]}")
  p=$(run "${PARSE[@]}")
  c=$(run "${CHECK[@]}")
  o=$(run "${CHECK_OFF[@]}")
  d=$(run "${DEMO_CHECK[@]}")
  e=$(run "${DEMO_OFF[@]}")
  echo "over $N runs each (wall time):"
  s() { awk -v x="$1" 'BEGIN { print x / 1e9 }'; }
  report "$(s "$v")" "$(s "$c")" "$(s "$o")" "$(s "$p")" "$(s "$d")" "$(s "$e")"
fi
