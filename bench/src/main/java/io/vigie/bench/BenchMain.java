package io.vigie.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.Collection;

/**
 * Runs the benchmarks with JMH (any JMH command-line option works, e.g. {@code -p corpus=...} or a benchmark name),
 * then prints each result in the unit that matters: mentions per second.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.println("Vigie scoring throughput (one thread; one op = one mention):");
        for (RunResult result : results) {
            var score = result.getPrimaryResult();
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            System.out.printf("  %-16s %-14s %,12.0f mentions/s  (± %,.0f, %s)%n", name,
                    result.getParams().getParam("model"), score.getScore(), score.getScoreError(),
                    score.getScoreUnit());
        }
    }
}
