#!/bin/sh
# Fuzz parse + every rule + fixes for a bounded time (cargo fuzz, libFuzzer).
#
#   scripts/fuzz.sh [SECONDS]      # default 120
#
# Seeds come from fixtures/ and earlier finds; the corpus grows in
# target/fuzz-corpus. A crash (panic, span off the document, fixes that do
# not settle, or an input slower than 10 s) is copied into
# tests/data/fuzz-regressions/, where `cargo test --test robustness` replays
# it for good. Needs cargo-fuzz (`cargo install cargo-fuzz`); uses a nightly
# toolchain when there is one, else stable with RUSTC_BOOTSTRAP=1.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-120}
corpus=target/fuzz-corpus/lint
regressions=tests/data/fuzz-regressions
mkdir -p "$corpus" "$regressions"
find fixtures "$regressions" -type f | while read -r f; do
    cp "$f" "$corpus/seed-$(printf '%s' "$f" | tr '/' '_')"
done

if cargo +nightly --version >/dev/null 2>&1; then
    set -- +nightly
else
    export RUSTC_BOOTSTRAP=1
    set --
fi
status=0
cargo "$@" fuzz run lint "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 || status=$?

for crash in fuzz/artifacts/lint/*; do
    [ -f "$crash" ] || continue
    cp "$crash" "$regressions/$(basename "$crash")"
    echo "kept $crash as $regressions/$(basename "$crash")"
done
exit "$status"
