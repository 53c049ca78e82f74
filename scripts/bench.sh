#!/usr/bin/env bash
# The pipeline benchmark of issue 6 (`make bench-pipeline`, part of `make bench`).
#
# For sample data at each scale (default 1, 20 and 200; four quarters, the newest one reported
# on with the other three as history) it runs validate, summary --json, build (board),
# build --edition public and both editions as a web page (`--out FILE.html`) RUNS times
# (default 5) and prints the median wall time and the median peak memory (maximum resident
# set) of each; then the CSV reader's throughput on the largest input file, the workbook
# reader's against it on the same rows (MB/s of sheet XML), and the engine's pages per
# second. Data goes to a temporary folder, removed after.
# At scales up to 100 the same is done on the sample kept as partnerships keep it (`sample
# --as-kept`: activity as a weekly log, blockers outliving their cases, a measures list), whose
# figures equal the tidy sample's: the two should take about the same time. The newest
# quarter's financial year is also summarised and built as an annual report (`--year`): the
# year reads what the quarter with its history reads, so it should cost about as much.
#
#   scripts/bench.sh [BINARY]            BINARY defaults to .build/release/cspreport
#   SCALES="1 20" RUNS=3 scripts/bench.sh
set -euo pipefail

BIN=${1:-.build/release/cspreport}
SCALES=${SCALES:-1 20 200}
RUNS=${RUNS:-5}
[ -x "$BIN" ] || { echo "bench: no binary at $BIN (build with: make release)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cspreport-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735603200}

# Median of a column of numbers.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure COMMAND...: RUNS runs; prints "median_wall_ms median_cpu_ms median_peak_kb". CPU time
# (user + system) is printed beside wall time because it is steadier on a busy machine.
measure() {
    local times="$TMP/times" cpus="$TMP/cpus" mems="$TMP/mems" i start end
    : > "$times"; : > "$cpus"; : > "$mems"
    for ((i = 0; i < RUNS; i++)); do
        start=$(date +%s%N)
        if ! /usr/bin/time -f "%M %U %S" -o "$TMP/rss" "$@" > /dev/null 2> "$TMP/stderr"; then
            echo "bench: failed: $*" >&2; cat "$TMP/stderr" >&2; exit 1
        fi
        end=$(date +%s%N)
        echo $(((end - start) / 1000000)) >> "$times"
        tail -n 1 "$TMP/rss" | awk '{ print $1 }' >> "$mems"
        tail -n 1 "$TMP/rss" | awk '{ printf "%d\n", ($2 + $3) * 1000 }' >> "$cpus"
    done
    echo "$(median < "$times") $(median < "$cpus") $(median < "$mems")"
}

printf '%-6s %-6s %-11s %7s  %-23s %10s %9s %10s\n' scale data quarter cases command "wall (ms)" "cpu (ms)" "peak (MB)"
largest="" largest_size=0
declare -A pages
for run in $(for s in $SCALES; do echo "$s:tidy"; if [ "$s" -le 100 ]; then echo "$s:kept"; fi; done); do
    scale=${run%%:*} kind=${run#*:}
    data="$TMP/s$scale-$kind"
    if [ "$kind" = kept ]; then
        "$BIN" sample --out "$data" --scale "$scale" --as-kept > /dev/null 2>&1
    else
        "$BIN" sample --out "$data" --scale "$scale" > /dev/null 2>&1
    fi
    q=$(ls -d "$data"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-Q[1-4] | sort | tail -n 1)
    cases=$(($(wc -l < "$q/psg-cases.csv") - 1))
    for f in "$q"/*.csv; do
        s=$(stat -c %s "$f")
        if [ "$s" -gt "$largest_size" ]; then largest=$f; largest_size=$s; fi
    done
    year=$(basename "$q"); year=${year%-Q[1-4]}
    for cmd in validate summary build-board build-public build-html-board build-html-public year-summary year-build; do
        case $cmd in
            validate) r=$(measure "$BIN" validate "$q") ;;
            summary) r=$(measure "$BIN" summary "$q" --json) ;;
            build-board) r=$(measure "$BIN" build "$q" --out "$TMP/board.pdf") ;;
            build-public) r=$(measure "$BIN" build "$q" --out "$TMP/public.pdf" --edition public) ;;
            build-html-board) r=$(measure "$BIN" build "$q" --out "$TMP/board.html") ;;
            build-html-public) r=$(measure "$BIN" build "$q" --out "$TMP/public.html" --edition public) ;;
            year-summary) r=$(measure "$BIN" summary "$data" --year "$year" --json) ;;
            year-build) r=$(measure "$BIN" build "$data" --year "$year" --out "$TMP/year.pdf") ;;
        esac
        read -r ms cpu kb <<< "$r"
        label=$cmd
        case $cmd in
            summary) label="summary --json" ;;
            build-board) label="build" ;;
            build-public) label="build --edition public" ;;
            build-html-board) label="build --out .html" ;;
            build-html-public) label="build .html public" ;;
            year-summary) label="summary --year --json" ;;
            year-build) label="build --year" ;;
        esac
        printf '%-6s %-6s %-11s %7s  %-23s %10s %9s %10s\n' "$scale" "$kind" "$(basename "$q")" "$cases" "$label" "$ms" "$cpu" "$((kb / 1024))"
        if [ "$cmd" = build-board ] && [ "$kind" = tidy ]; then
            n=$(pdfinfo "$TMP/board.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
            rate=$(awk -v n="${n:-0}" -v t="$ms" 'BEGIN { if (t > 0) printf "%.0f", n * 1000 / t; else print "?" }')
            per=$(awk -v c="$cases" -v t="$cpu" 'BEGIN { if (c > 0) printf "%.3f", t / c; else print "?" }')
            pages[$scale]="${n:-?} pages in $ms ms wall ($cpu ms cpu): $rate pages/s; $per cpu ms per case"
        fi
    done
done
echo
for scale in $SCALES; do echo "board report at scale $scale: ${pages[$scale]}"; done
echo
echo "CSV reader on the largest file ($(basename "$largest"), $((largest_size / 1024)) KiB):"
"$BIN" bench-csv "$largest" --repeats "$RUNS" 2>/dev/null || echo "csv: (this binary has no bench-csv)"
echo
echo "Workbook reader on the same file's rows as one sheet (issue 15 asks for about 2x the CSV reader's time):"
"$BIN" bench-workbook "$largest" --repeats "$RUNS" 2>/dev/null || echo "workbook: (this binary has no bench-workbook)"
echo
echo "Engine (layout, cairo, post-pass) on a 100-page document of tables and charts:"
"$BIN" bench-render --pages 100 --out "$TMP/render.pdf" | grep -E 'pages per second|peak memory|layout:'
