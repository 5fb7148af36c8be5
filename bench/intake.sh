#!/usr/bin/env bash
# Benchmark of product lines from a spreadsheet (on demand, not part of the test suite).
#
# Generates, in a temporary directory, a 2,000-line packing list (the example packing list of
# examples/packing_list.rs repeated with numbered models: Chinese headers below a title row, 13 of
# every 20 lines with a CCC code, 7 without, so catalogue candidates are searched and written),
# then times in the same run, with the release build:
#   import:  `new fresh --condition repair --products FILE` — the sheet read, candidates searched,
#            a new application.toml written atomically and registered (the directory is removed
#            before each run, outside the timing)
#   check:   `check bench-2000` on the application such an import wrote
#   replace: `app import-products bench-2000 FILE --replace` — the same sheet again into the
#            2,000-line application (its whole file parsed and rewritten)
# Goal: import <= 2 x check. Uses hyperfine when installed (Debian package `hyperfine`), else a
# bash loop over N runs.
#
#   bench/intake.sh            # N=30 runs each for the fallback loop
#   N=100 bench/intake.sh
#   KEEP=1 bench/intake.sh     # keep the generated workspace and print its path
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-30}"
LINES=2000

cargo build --release --quiet --bin ccc-exempt --example packing_list
TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$(pwd)/$TARGET"
BIN="$TARGET/release/ccc-exempt"
GEN="$TARGET/release/examples/packing_list"
[[ -x "$BIN" && -x "$GEN" ]] || { echo "no release binaries under $TARGET/release" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccc-exempt-bench.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
  echo "workspace kept in $WORK" >&2
else
  trap 'rm -rf "$WORK"' EXIT
fi
WS="$WORK/ws"
SHEET="$WORK/packing-list-$LINES.xlsx"
"$GEN" -o "$SHEET" --lines "$LINES" 2>/dev/null

export CCC_EXEMPT_NOW=2026-11-27T09:00:00+08:00
unset CCC_EXEMPT_WORKSPACE NO_COLOR CLICOLOR_FORCE
"$BIN" init "$WS" --name "苏州恒拓精密电器有限公司" --uscc 91320594MA27H3JW6F >/dev/null 2>&1
"$BIN" --workspace "$WS" new bench-2000 --condition repair --products "$SHEET" >/dev/null 2>&1
APP="$WS/applications/bench-2000/application.toml"
NEW=("$BIN" --workspace "$WS" new fresh --condition repair --products "$SHEET")
REPLACE=("$BIN" --workspace "$WS" app import-products bench-2000 "$SHEET" --replace)
CHECK=("$BIN" --workspace "$WS" check bench-2000)
FRESH="$WS/applications/fresh"

# The imports must succeed and give the 2,000 lines; check answers with findings (the scaffold's
# materials are missing, 7 of 20 lines await their code), so its exit code is 1 and ignored.
"${REPLACE[@]}" >"$WORK/first-run.txt" 2>&1 || { cat "$WORK/first-run.txt" >&2; exit 1; }
"${NEW[@]}" >"$WORK/first-run.txt" 2>&1 || { cat "$WORK/first-run.txt" >&2; exit 1; }
for f in "$APP" "$FRESH/application.toml"; do
  lines=$(grep -c '^\[\[products\]\]' "$f")
  [[ $lines -eq $LINES ]] || { echo "$f: $lines lines, want $LINES" >&2; exit 1; }
done
cmp -s "$APP" "$FRESH/application.toml" || { echo "new and --replace wrote different files" >&2; exit 1; }
"${CHECK[@]}" >/dev/null 2>&1 || true
echo "sheet:   $LINES lines ($(du -h "$SHEET" | cut -f1)); application.toml $(wc -c <"$APP") bytes, $lines [[products]]"
echo "binary:  $("$BIN" --version)"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --shell=none -i --export-json "$WORK/hyperfine.json" \
    --command-name check "${CHECK[*]}" \
    --prepare "rm -rf $FRESH" --command-name import "${NEW[*]}" \
    --prepare "true" --command-name replace "${REPLACE[*]}"
  means=($(grep -o '"mean": *[0-9.e+-]*' "$WORK/hyperfine.json" | sed 's/.*: *//'))
  c=$(awk -v x="${means[0]}" 'BEGIN { printf "%d", x * 1e9 }')
  i=$(awk -v x="${means[1]}" 'BEGIN { printf "%d", x * 1e9 }')
  r=$(awk -v x="${means[2]}" 'BEGIN { printf "%d", x * 1e9 }')
  runs="hyperfine means"
else
  # Nanoseconds per run of a command; `prepare` runs before each, outside the timing.
  run() { # prepare, command...
    local prepare=$1 total=0 start end
    shift
    for ((k = 0; k < 3; k++)); do eval "$prepare"; "$@" >/dev/null 2>&1 || true; done
    for ((k = 0; k < N; k++)); do
      eval "$prepare"
      start=$(date +%s%N)
      "$@" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      total=$((total + end - start))
    done
    echo $((total / N))
  }
  # Interleaved rounds, so a busy machine slows all three alike.
  c=0 i=0 r=0
  for ((round = 0; round < 3; round++)); do
    c=$((c + $(run true "${CHECK[@]}")))
    i=$((i + $(run "rm -rf '$FRESH'" "${NEW[@]}")))
    r=$((r + $(run true "${REPLACE[@]}")))
  done
  c=$((c / 3)) i=$((i / 3)) r=$((r / 3))
  runs="$((3 * N)) runs each"
fi
awk -v c="$c" -v i="$i" -v r="$r" -v runs="$runs" 'BEGIN {
  printf "check   %7.2f ms\n", c / 1e6
  printf "import  %7.2f ms = %.2fx check (goal <= 2x)\n", i / 1e6, i / c
  printf "replace %7.2f ms = %.2fx check\n", r / 1e6, r / c
  printf "(%s)\n", runs }'
