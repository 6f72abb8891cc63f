package io.vigie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link DetectionBenchmark#judgeNextWindow} measured in CPU time of the judging thread per window rather than in
 * windows per second: on a shared 2-core machine, other processes move the throughput by tens of percent, much less
 * the CPU a window costs. Prints, per {@code busyWindow}, the microseconds of each measured round after the warm-up
 * rounds.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.vigie.bench.DetectionCpuTime [busyWindows=2,20] [windows=2000]
 * [without=none]</pre>
 */
public final class DetectionCpuTime {

    private static final int WARM_UP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 5;

    private DetectionCpuTime() {
    }

    public static void main(String[] args) {
        String busyWindows = args.length > 0 ? args[0] : "2,20";
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String without = args.length > 2 ? args[2] : "none";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String busyWindow : busyWindows.split(",")) {
            DetectionBenchmark benchmark = new DetectionBenchmark();
            benchmark.busyWindow = Integer.parseInt(busyWindow.trim());
            benchmark.without = without;
            benchmark.setUp();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "busyWindow=%s without=%s, CPU µs per judged window:", busyWindow.trim(), without));
            for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                long before = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < windows; i++) {
                    benchmark.judgeNextWindow();
                }
                long cpuNanos = threads.getCurrentThreadCpuTime() - before;
                if (round >= WARM_UP_ROUNDS) {
                    line.append(String.format(Locale.ROOT, " %.0f", cpuNanos / 1_000.0 / windows));
                }
            }
            System.out.println(line);
        }
    }
}
