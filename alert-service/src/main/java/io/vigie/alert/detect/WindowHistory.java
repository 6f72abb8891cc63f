package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The earlier windows of a watch, oldest first. Only windows that had mentions are known: quiet windows are absent,
 * which biases baselines upwards, i.e. towards fewer alerts.
 */
public record WindowHistory(List<WindowStats> windows) {

    public WindowHistory {
        windows = windows.stream().sorted(Comparator.comparing(WindowStats::windowStart)).toList();
    }

    public static WindowHistory empty() {
        return new WindowHistory(List.of());
    }

    public int size() {
        return windows.size();
    }

    public double[] values(ToDoubleFunction<WindowStats> metric) {
        return windows.stream().mapToDouble(metric).toArray();
    }
}
