#!/usr/bin/env bash
# Benchmark of the material examination (on demand, not part of the test suite), release build:
#
# 1. seal and legibility of one A4 page at 200 dpi on one core (goal ≤ 150 ms), from the content
#    tests' generator, in CPU time (the goal) and wall time;
# 2. `check` of the demo workspace with a warm cache against `check --content off` (goal ≤ 1.2×),
#    and the cold check once.
# 3. the OCR of one such page, separately: tesseract with chi_sim on one thread
#    (OMP_THREAD_LIMIT=1), when it is installed; the page is a printed licence when a font with
#    Chinese glyphs is installed (Debian: fonts-wqy-zenhei), else the generator's glyph-like
#    marks, on which tesseract spends several times longer;
# 4. the precision and recall of the findings on 216 generated pages.
#
#   bench/content.sh          # N=10 runs each
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10}"
cargo build --release --quiet
TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$(pwd)/$TARGET"
BIN="$TARGET/release/ccc-exempt"

cargo test --release --quiet --test content bench_a4_page_at_200_dpi -- --ignored --nocapture 2>&1 | grep "per page"

if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  PNG="$(mktemp "${TMPDIR:-/tmp}/ccc-exempt-ocr.XXXXXX.png")"
  CCC_EXEMPT_BENCH_PNG="$PNG" cargo test --release --quiet --test content bench_ocr_page -- --ignored >/dev/null 2>&1
  TIMEFORMAT='%U %S %R'
  ocr=$( { time OMP_THREAD_LIMIT=1 tesseract "$PNG" stdout -l chi_sim+eng --psm 3 tsv >/dev/null 2>&1; } 2>&1 )
  rm -f "$PNG"
  read -r u s r <<<"$ocr"
  awk -v u="$u" -v s="$s" -v r="$r" 'BEGIN { printf "OCR (tesseract chi_sim+eng, one thread), A4 at 200 dpi: %.0f ms CPU, %.0f ms wall per page\n", (u + s) * 1000, r * 1000 }'
else
  echo "OCR: tesseract with chi_sim not installed, not measured"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccc-exempt-content.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -r examples/demo "$WORK/demo"
rm -rf "$WORK/demo/.ccc-exempt"
export CCC_EXEMPT_OCR=off
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
cold=$(t "$BIN" --workspace "$WORK/demo" check)
warm=0; off=0
for _ in $(seq "$N"); do
  warm=$(( warm + $(t "$BIN" --workspace "$WORK/demo" check) ))
  off=$(( off + $(t "$BIN" --workspace "$WORK/demo" check --content off) ))
done
echo "check of the demo (14 applications): cold cache ${cold} ms; warm $(( warm / N )) ms; --content off $(( off / N )) ms"
awk -v w="$warm" -v o="$off" 'BEGIN { printf "warm / off = %.2f (goal <= 1.2)\n", w / o }'

cargo test --release --quiet --test content precision -- --ignored --nocapture 2>&1 | grep -E "M01|red seals|content examination"
