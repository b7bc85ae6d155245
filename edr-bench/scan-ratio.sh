#!/usr/bin/env bash
# The scan target as a ratio measured in one round: ScanBenchmark.parseOnly (the bare Jackson parse) and then
# ScanBenchmark.scan of one build, short JMH settings (JMH_OPTS overrides them), ROUNDS times; prints both rates in
# events per second and the scan's share of the parse's. On a shared machine the ratio within a round is steadier
# than either rate. From the repository root:
#   edr-bench/scan-ratio.sh 4                        # edr-bench/target/benchmarks.jar
#   edr-bench/scan-ratio.sh 4 other/benchmarks.jar
set -euo pipefail
rounds=${1:-3}
jar=${2:-edr-bench/target/benchmarks.jar}
opts=${JMH_OPTS:--wi 2 -w 5 -i 3 -r 5 -f 1}
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
rate() { # the ':events' score of one benchmark
  if ! java -jar "$jar" "$1" $opts -rf csv -rff "$csv" > /dev/null 2>&1; then
    echo "JMH failed for $1 (run it by hand to see why)" >&2
    exit 1
  fi
  awk -F, '/:events"/ {print $5}' "$csv"
}
for ((r = 1; r <= rounds; r++)); do
  parse=$(rate 'ScanBenchmark.parseOnly$')
  scan=$(rate 'ScanBenchmark.scan$')
  awk -v r="$r" -v p="$parse" -v s="$scan" \
    'BEGIN {printf "round %d  parseOnly %.0f  scan %.0f events/s  scan = %.1f %% of parseOnly\n", r, p, s, 100 * s / p}'
done
