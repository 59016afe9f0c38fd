#!/usr/bin/env bash
# End-to-end benchmark: pmlint against its peers and a floor, on synthetic
# corpora of 1,000, 10,000 and 100,000 postmortems, plus peak memory and the
# single-file (pre-commit) latency. Results go to standard output as
# markdown tables; BENCHMARKS.md records a run.
#
#   scripts/bench.sh            # the 10,000-file comparison, memory, latency
#   SCALES="1000 10000 100000" scripts/bench.sh   # also the scaling runs
#
# Needs: hyperfine and GNU time (Debian packages `hyperfine`, `time`), and,
# for the peers, Python 3 (rumdl from PyPI) and npm (markdownlint-cli2);
# they are installed into target/bench-tools on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tools="$root/target/bench-tools"
corpora="$root/target/bench-corpus"
results="$root/target/bench-results"
mkdir -p "$tools" "$corpora" "$results"

need() { command -v "$1" >/dev/null || { echo "missing $1: apt-get install $2" >&2; exit 1; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install time" >&2; exit 1; }

cargo build --release --quiet --bin pmlint --example gen_corpus --example floor
pmlint="$root/target/release/pmlint"
floor="$root/target/release/examples/floor"

if [ ! -x "$tools/venv/bin/rumdl" ]; then
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install --quiet rumdl
fi
rumdl="$tools/venv/bin/rumdl"
if [ ! -x "$tools/npm/node_modules/.bin/markdownlint-cli2" ]; then
    mkdir -p "$tools/npm"
    (cd "$tools/npm" && npm install --silent --no-audit --no-fund markdownlint-cli2 >/dev/null)
fi
mdl="$tools/npm/node_modules/.bin/markdownlint-cli2"

corpus() {
    local n="$1" dir="$corpora/$1"
    [ -d "$dir" ] || "$root/target/release/examples/gen_corpus" "$n" "$dir" >/dev/null
    echo "$dir"
}

echo "# pmlint benchmarks"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $("$pmlint" --version); $("$rumdl" --version); $("$mdl" --help | sed -n 1p)"
echo

# 1. The comparison on 10,000 files. Every tool's exit status is ignored:
#    they all find problems.
dir="$(corpus 10000)"
hyperfine --warmup 1 --runs 5 -i --export-markdown "$results/compare.md" \
    -n "floor (read + pulldown-cmark)" "$floor $dir" \
    -n "pmlint --format concise" "$pmlint --no-config --format concise $dir > /dev/null" \
    -n "pmlint --format json" "$pmlint --no-config --format json $dir > /dev/null" \
    -n "pmlint (human)" "$pmlint --no-config $dir > /dev/null 2>&1" \
    -n "rumdl check --no-cache" "$rumdl check --no-cache $dir > /dev/null" \
    -n "markdownlint-cli2" "cd $dir && $mdl '**/*.md' > /dev/null 2>&1" \
    > /dev/null
echo "## 10,000 files"
echo
cat "$results/compare.md"
echo

# 2. Peak memory (maximum resident set size) on the same corpus.
echo "## Peak memory, 10,000 files"
echo
echo "| command | peak RSS |"
echo "| --- | --- |"
peak() {
    local label="$1"; shift
    /usr/bin/time -f "%M" -o "$results/rss" "$@" > /dev/null 2>&1 || true
    echo "| $label | $(( $(tail -1 "$results/rss") / 1024 )) MiB |"
}
peak "floor" "$floor" "$dir"
peak "pmlint --format concise" "$pmlint" --no-config --format concise "$dir"
peak "pmlint --format json" "$pmlint" --no-config --format json "$dir"
peak "pmlint (human)" "$pmlint" --no-config "$dir"
peak "rumdl check --no-cache" "$rumdl" check --no-cache "$dir"
echo

# 3. One 3 KB file: the pre-commit case, start-up included.
one="$(find "$dir" -name '*.md' | sort | sed -n 1p)"
hyperfine --warmup 20 --runs 200 -N -i --export-markdown "$results/single.md" \
    -n "pmlint one file" "$pmlint --no-config --format concise $one" \
    -n "rumdl one file" "$rumdl check --no-cache $one" \
    > /dev/null
echo "## One file ($(wc -c < "$one") bytes)"
echo
cat "$results/single.md"
echo

# 4. Scaling: wall time from 1,000 to 100,000 files should grow linearly.
if [ -n "${SCALES:-}" ]; then
    echo "## Scaling"
    echo
    echo "| files | pmlint --format concise | per file | peak RSS |"
    echo "| --- | --- | --- | --- |"
    for n in $SCALES; do
        d="$(corpus "$n")"
        hyperfine --warmup 1 --runs 3 -i --export-json "$results/scale-$n.json" \
            "$pmlint --no-config --format concise $d > /dev/null" > /dev/null
        mean=$(python3 -c "import json; print(json.load(open('$results/scale-$n.json'))['results'][0]['mean'])")
        /usr/bin/time -f "%M" -o "$results/rss" "$pmlint" --no-config --format concise "$d" > /dev/null 2>&1 || true
        python3 -c "print(f'| {$n:,} | {$mean:.3f} s | {$mean / $n * 1e6:.0f} µs | {$(tail -1 "$results/rss") // 1024} MiB |')"
    done
    echo
fi
