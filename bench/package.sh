#!/usr/bin/env bash
# Benchmark of `package` and `verify` on 1 GiB of materials (200 incompressible "scans" plus some
# text), run on demand (not part of the test suite):
#
#   bench/package.sh              # scratch data in a fresh directory under /tmp, removed at the end
#   BENCH_DIR=/tmp/x KEEP=1 bench/package.sh
#
# In the same run, on the same (page-cached) files, it times:
#   - ccc-exempt package            vs  openssl dgst -sha256 over the files (the hashing limit here;
#                                       coreutils sha256sum is several times slower on this CPU)
#   - ccc-exempt package            vs  bagit-python making a bag with --processes 2 (its default
#                                       algorithms, sha256 and sha512; and with --sha256 only)
#   - ccc-exempt verify             vs  openssl dgst -sha256 over the files
# and the peak RSS of package and verify (GNU time; Debian package `time` provides /usr/bin/time).
# Goals: package <= 1.5x openssl and <= 1.0x bagit-python, RSS < 64 MiB, verify <= 1.2x openssl.
#
# The text materials are not PDF, JPEG or PNG (M004), so the package is built with --draft: the
# same work (check, render, read, hash, zip) with a draft mark in bag-info.txt.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing; install it (Debian: apt-get install time)" >&2
  exit 2
fi
command -v openssl >/dev/null || { echo "bench: openssl is missing (apt-get install openssl)" >&2; exit 2; }
python3 -c "import bagit" 2>/dev/null || { echo "bench: bagit-python is missing (pip install bagit)" >&2; exit 2; }

echo "building release binary..." >&2
(cd "$repo" && cargo build --release --quiet)
bin="${CARGO_TARGET_DIR:-$repo/target}/release/ccc-exempt"

dir="${BENCH_DIR:-$(mktemp -d /tmp/ccc-exempt-bench.XXXXXX)}"
mkdir -p "$dir"
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$dir"; fi; }
trap cleanup EXIT

ws="$dir/ws"
app="$ws/applications/bench"
mat="$app/materials"
mkdir -p "$mat"
cat > "$ws/ccc-exempt.toml" <<'EOF'
[applicant]
name = "上海某某检测技术有限公司"
uscc = "91310115MA1H7K2L0D"
address = "上海市浦东新区某某路1号"
contact = "张三"
phone = "021-55550000"
EOF

# 200 incompressible files of 5 MiB (PDF header + random bytes) and 8 text files of 3 MiB:
# 1000 MiB + 24 MiB = 1 GiB.
if [ ! -f "$mat/.done" ]; then
  echo "generating 1 GiB of materials in $mat..." >&2
  for i in $(seq -w 1 200); do
    { printf '%%PDF-1.4\n'; head -c $((5 * 1024 * 1024 - 9)) /dev/urandom; } > "$mat/scan-$i.pdf"
  done
  for i in $(seq 1 8); do
    awk -v n="$i" 'BEGIN { for (k = 0; k < 60000; k++) printf "第%d批 第%06d行 电锤 HX-26 数量 3 台 合同 C-2026-118 发票 INV-55821 %d\n", n, k, k * 7919 % 100000 }' \
      > "$mat/notes-$i.txt"
    truncate -s $((3 * 1024 * 1024)) "$mat/notes-$i.txt"
  done
  touch "$mat/.done"
fi

{
  cat <<'EOF'
condition = "research"
applicant_role = "rd-test-institution"
purpose = "对进口样机进行型式试验"
prepared_on = 2026-11-20

[[products]]
name = "电锤"
model = "HX-26"
quantity = 3
unit = "台"
unit_price = "1200.00"
currency = "EUR"
hs_code = "8467211000"
ccc_code = "0506"
ccc_reason = "手持式电锤，属目录第五大类电动工具"

[import]
contract_no = "C-2026-118"

[research]
kind = "testing"
plan = "HX-26 型式试验"
disposal = "reexport"
EOF
  kinds=(business-licence commitment-letter comparison-table test-plan import-documents)
  for k in 0 1 2 3 4; do
    printf '\n[[materials]]\nkind = "%s"\nsealed = true\nfiles = [\n' "${kinds[$k]}"
    for i in $(seq 1 200); do
      if [ $((i % 5)) -eq "$k" ]; then printf '  "materials/scan-%03d.pdf",\n' "$i"; fi
    done
    if [ "$k" -eq 4 ]; then
      for i in $(seq 1 8); do printf '  "materials/notes-%d.txt",\n' "$i"; done
    fi
    printf ']\n'
  done
} > "$app/application.toml"

files=("$mat"/scan-*.pdf "$mat"/notes-*.txt)
total=$(cat "${files[@]}" | wc -c)
echo "materials: ${#files[@]} files, $total bytes" >&2
cat "${files[@]}" > /dev/null   # warm the page cache: every run reads from memory

export CCC_EXEMPT_NOW="2026-11-27T09:00:00+08:00"
# best-of-N wall time (seconds) and the peak RSS (KiB) of that run; the command is "$@"
measure() {
  local best="" rss=""
  for _ in $(seq 1 "$runs"); do
    [ -n "${PREP:-}" ] && eval "$PREP"
    /usr/bin/time -f '%e %M' -o "$dir/time.out" "$@" > /dev/null 2> "$dir/err.out" || {
      cat "$dir/err.out" >&2; echo "bench: command failed: $*" >&2; exit 1; }
    read -r t m < <(tail -n 1 "$dir/time.out")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; rss="$m"; fi
  done
  echo "$best $rss"
}

read -r t_ssl _ < <(measure openssl dgst -sha256 "${files[@]}")
read -r t_pkg rss_pkg < <(PREP="rm -f '$dir/bench.zip'" measure "$bin" --workspace "$ws" package bench --draft -o "$dir/bench.zip")
read -r t_ver rss_ver < <(measure "$bin" verify "$dir/bench.zip")
mkdir -p "$dir/bag-src"
cp -l "${files[@]}" "$dir/bag-src/"
read -r t_bag _ < <(PREP="rm -rf '$dir/bag'; cp -al '$dir/bag-src' '$dir/bag'" measure python3 -m bagit --quiet --processes 2 "$dir/bag")
read -r t_bag256 _ < <(PREP="rm -rf '$dir/bag'; cp -al '$dir/bag-src' '$dir/bag'" measure python3 -m bagit --quiet --processes 2 --sha256 "$dir/bag")
zip_size=$(wc -c < "$dir/bench.zip")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "ccc-exempt package vs openssl and bagit-python, 1 GiB of materials (best of $runs, page cache warm)"
printf '%-44s %8s s\n' "openssl dgst -sha256 (the files)" "$t_ssl"
printf '%-44s %8s s   peak RSS %s KiB   zip %s bytes\n' "ccc-exempt package" "$t_pkg" "$rss_pkg" "$zip_size"
printf '%-44s %8s s   peak RSS %s KiB\n' "ccc-exempt verify" "$t_ver" "$rss_ver"
printf '%-44s %8s s\n' "bagit-python --processes 2 (sha256+sha512)" "$t_bag"
printf '%-44s %8s s\n' "bagit-python --processes 2 --sha256" "$t_bag256"
echo
printf 'package / openssl       %s   (goal <= 1.5)\n' "$(ratio "$t_pkg" "$t_ssl")"
printf 'package / bagit-python  %s   (goal <= 1.0; --sha256 only: %s)\n' "$(ratio "$t_pkg" "$t_bag")" "$(ratio "$t_pkg" "$t_bag256")"
printf 'package peak RSS        %s MiB (goal < 64)\n' "$(awk -v k="$rss_pkg" 'BEGIN { printf "%.1f", k / 1024 }')"
printf 'verify / openssl        %s   (goal <= 1.2)\n' "$(ratio "$t_ver" "$t_ssl")"
printf 'verify peak RSS         %s MiB\n' "$(awk -v k="$rss_ver" 'BEGIN { printf "%.1f", k / 1024 }')"
