package dev.edr.bench;

import dev.edr.core.engine.Engine;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.RuleLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From YAML files to an engine ready to evaluate, for the whole SigmaHQ corpus (rules, rules-emerging-threats,
 * rules-threat-hunting: about 3,750 rules), once per fresh JVM: each fork measures a single cold shot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class CompileBenchmark {
    @Benchmark
    public Engine sigmaCorpus() {
        RulePack pack = RuleLoader.create().load(BenchData.corpusPaths()).pack();
        return Engine.builder().rules(pack).build();
    }
}
