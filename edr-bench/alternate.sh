#!/usr/bin/env bash
# Runs one JMH benchmark for two or more builds of benchmarks.jar in turn, round after round, so that the load of a
# shared machine hits every build alike; prints each run's score and each build's mean. The regex must select one
# benchmark; for those that count events the ':events' rate is the score. Short JMH settings (2 warm-up and 3
# measured iterations of 5 s, one fork) unless JMH_OPTS says otherwise. From the repository root:
#   edr-bench/alternate.sh 4 'EvaluateBenchmark.engine$' old.jar edr-bench/target/benchmarks.jar
#   edr-bench/alternate.sh 3 'ScanBenchmark.scan$' old.jar new.jar
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 ROUNDS BENCHMARK_REGEX JAR JAR [JAR...]" >&2
  exit 2
fi
rounds=$1
bench=$2
shift 2
opts=${JMH_OPTS:--wi 2 -w 5 -i 3 -r 5 -f 1}
results=$(mktemp)
csv=$(mktemp)
trap 'rm -f "$results" "$csv"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for jar in "$@"; do
    if ! java -jar "$jar" "$bench" $opts -rf csv -rff "$csv" > /dev/null 2>&1; then
      echo "JMH failed for $jar (run it by hand to see why)" >&2
      exit 1
    fi
    # columns: "Benchmark","Mode","Threads","Samples","Score",...; an ':events' row wins over the primary one
    score=$(awk -F, 'NR > 1 && /:events"/ {e = $5} NR > 1 && !/:events"/ {o = $5} END {print (e != "" ? e : o)}' "$csv")
    echo "round $r  $jar  $score"
    echo "$jar $score" >> "$results"
  done
done
awk '{sum[$1] += $2; n[$1]++} END {for (j in sum) printf "mean %s  %.1f over %d runs\n", j, sum[j] / n[j], n[j]}' "$results"
