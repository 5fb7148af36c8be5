#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the independent readers the tests use as
# oracles (bagit-python, python-docx, openpyxl), then runs every Rust test. With
# CCC_EXEMPT_TEST_PG_URL set (a PostgreSQL database whose role may create databases, e.g. from
# `scripts/pg-cluster.sh start DIR`), the PostgreSQL tests run too and the ledger suite runs a
# second time against the PostgreSQL store; without it they say they were skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
cargo test --locked --all-targets "$@"
if [ -n "${CCC_EXEMPT_TEST_PG_URL:-}" ]; then
    echo "== the ledger suite on the PostgreSQL store"
    CCC_EXEMPT_TEST_STORE=pg cargo test --locked --test ledger --test ledger_reliability \
        --test ledger_xlsx "$@"
else
    echo "== the ledger suite on the PostgreSQL store: skipped (CCC_EXEMPT_TEST_PG_URL is not set)"
fi
