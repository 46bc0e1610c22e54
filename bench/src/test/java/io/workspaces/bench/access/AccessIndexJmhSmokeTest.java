package io.workspaces.bench.access;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** The JMH benchmarks of the access index run (in this JVM, on a small index, briefly): bench/jmh.sh measures. */
class AccessIndexJmhSmokeTest {

    @Test
    void everyBenchmarkRunsAndAnswersChecks() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(AccessIndexJmh.class.getName() + "\\.")
                .param("memberships", "2000")
                .param("checks", "1024")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .build()).run();

        assertThat(results).extracting(result -> result.getParams().getBenchmark())
                .containsExactlyInAnyOrder(AccessIndexJmh.class.getName() + ".checkWorkspace",
                        AccessIndexJmh.class.getName() + ".checkEntity", AccessIndexJmh.class.getName() + ".roleLookup");
        results.forEach(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
