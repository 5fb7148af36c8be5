#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the independent readers the tests use as
# oracles (bagit-python, python-docx, openpyxl), then runs every Rust test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
cargo test --locked --all-targets "$@"
