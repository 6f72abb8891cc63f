package io.vigie.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks with JMH (any JMH command-line option works, e.g. {@code -p corpus=...} or a benchmark name),
 * then prints each result in the unit that matters: mentions per second.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions options = new CommandLineOptions(args);
        Runner runner = new Runner(options);
        // JMH's own main answers these without running anything; Runner.run() would ignore them and run everything.
        if (options.shouldHelp()) {
            options.showHelp();
            return;
        }
        if (options.shouldList() || options.shouldListWithParams()) {
            if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else {
                runner.list();
            }
            return;
        }
        if (options.shouldListProfilers() || options.shouldListResultFormats()) {
            if (options.shouldListProfilers()) {
                options.listProfilers();
            } else {
                options.listResultFormats();
            }
            return;
        }
        Collection<RunResult> results = runner.run();
        System.out.println();
        System.out.println("Vigie throughput (mentions/s, all the benchmark's threads together):");
        for (RunResult result : results) {
            var params = result.getParams();
            String name = params.getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            // The path parameters say where the data came from, not what was measured.
            String variant = params.getParamsKeys().stream()
                    .filter(key -> !key.equals("corpus") && !key.equals("fixtures"))
                    .map(params::getParam).collect(Collectors.joining(" "));
            // A connector's operation is one page: its mentions counter is the figure, pages/s only context.
            Result<?> mentions = result.getSecondaryResults().get("mentions");
            Result<?> score = mentions != null ? mentions : result.getPrimaryResult();
            int threads = params.getThreads();
            System.out.printf("  %-42s %-16s %,12.0f mentions/s  (± %,.0f)%s%s%n", name, variant, score.getScore(),
                    score.getScoreError(), mentions != null
                            ? String.format("  %,.0f pages/s", result.getPrimaryResult().getScore()) : "",
                    threads == 1 ? "" : "  " + threads + " threads");
        }
    }
}
