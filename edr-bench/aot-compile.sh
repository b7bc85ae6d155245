#!/usr/bin/env bash
# CompileBenchmark (YAML to a ready engine, one cold shot per fresh JVM) on JDK 25 or later, with and without an
# AOT cache (JEPs 483, 514, 515): a training run compiles the corpus once (CompileProfile) and the JVM writes the
# classes it loaded and linked, and the profiles of the methods it ran, to a cache file; the benchmark's fresh JVMs
# then start from it (-XX:AOTMode=on: a cache that cannot be used is an error, not a silent run without it). The
# rules are still read and compiled in full; only the JVM's own start-up work is cached. Runs with and without the
# cache take turns, ROUNDS times. From the repository root, with JAVA pointing at a JDK 25 or later:
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java edr-bench/aot-compile.sh 2
set -euo pipefail
rounds=${1:-2}
java=${JAVA:-java}
jar=${JAR:-edr-bench/target/benchmarks.jar}
version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [ "${version%%.*}" -lt 25 ]; then
  echo "$0: needs JDK 25 or later for AOT caches; $java is $version (set JAVA)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$work/compile.aot
echo "training: $java -XX:AOTCacheOutput=... -Xms2g -Xmx2g -cp $jar dev.edr.bench.CompileProfile" >&2
"$java" -XX:AOTCacheOutput="$cache" -Xms2g -Xmx2g -cp "$jar" dev.edr.bench.CompileProfile > "$work/training.log" 2>&1 ||
  { cat "$work/training.log" >&2; exit 1; }
for ((r = 1; r <= rounds; r++)); do
  for mode in without with; do
    args=()
    [ "$mode" = with ] && args=(-jvmArgsAppend "-XX:AOTMode=on -XX:AOTCache=$cache")
    if ! "$java" -jar "$jar" CompileBenchmark "${args[@]}" -rf csv -rff "$work/result.csv" > "$work/run.log" 2>&1; then
      cat "$work/run.log" >&2
      exit 1
    fi
    # columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
    awk -F, -v r="$r" -v m="$mode" 'NR == 2 {printf "round %d  %-7s AOT cache  %.0f ± %.0f ms\n", r, m, $5, $6}' "$work/result.csv"
  done
done
