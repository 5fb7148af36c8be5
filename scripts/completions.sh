#!/usr/bin/env bash
# Regenerate the shell completions committed under completions/ from the command-line definition
# itself (`ccc-exempt completions SHELL`). Run it after adding or changing a command, a flag or a
# value, and commit the result: tests/completions.rs fails while the committed files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
generate() { # shell file
  local tmp
  tmp="$(mktemp "completions/.$2.XXXXXX")"
  cargo run --quiet -- completions "$1" >"$tmp"
  mv "$tmp" "completions/$2"
  echo "completions/$2"
}

mkdir -p completions
generate bash ccc-exempt.bash
generate zsh _ccc-exempt
generate fish ccc-exempt.fish
generate powershell _ccc-exempt.ps1
generate elvish ccc-exempt.elv
