package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The earlier windows of a watch, oldest first. Only windows that had mentions are known: quiet windows are absent,
 * which biases baselines upwards, i.e. towards fewer alerts. Several detectors read the same baselines in one
 * evaluation, so an instance remembers the baselines and local hours it computed (it is used by one thread); the
 * stream keeps an instance across the updates of a window while its history does not change.
 */
public final class WindowHistory {

    /** 1970-01-01 was a Thursday: days since the epoch + 3, modulo 7, is the ISO weekday from Monday = 0. */
    private static final int EPOCH_WEEKDAY_SHIFT = 3;
    static final int HOURS_PER_WEEK = 7 * 24;

    private final List<WindowStats> windows;
    private final Map<String, RobustBaseline> baselines = new HashMap<>();
    /** Baselines of the windows at some hours of the week, which a following history may take over. */
    private final Map<String, RobustBaseline> baselinesAtHours = new HashMap<>();
    /** The same watch's history one or a few windows earlier, whose baselines at unchanged hours still hold. */
    private WindowHistory previous;
    /** The local hours of the week at which this history holds other windows than {@link #previous}; once. */
    private int[] changedHours;
    /**
     * How this history lines up with {@link #previous}: {@code [k, m]} when its first {@code m} windows are the
     * previous one's from index {@code k} on (the same instances), i.e. the previous history lost {@code k} windows at
     * the front and this one has its own after {@code m}; null when they do not line up or were not compared yet.
     */
    private int[] alignment;
    private boolean aligned;
    private final Map<String, Object> derived = new HashMap<>();
    private ZoneId hoursZone;
    private WindowHistory lastBefore;
    private int[] hourOfWeek;
    private long[] localDay;
    private int[] windowsPerHourOfWeek;
    private int[][] windowsAtHourOfWeek;
    private int[][] windowsAtHourOfDay;

    public WindowHistory(List<WindowStats> windows) {
        this.windows = isOrdered(windows) ? List.copyOf(windows)
                : windows.stream().sorted(Comparator.comparing(WindowStats::windowStart)).toList();
    }

    /**
     * A history that follows {@code previous}, the same watch's history a window or a few earlier (a catch-up, a
     * backtest): a baseline of some hours of the week whose windows are the same instances in both is taken over
     * rather than computed again (the history moved on by a window or two, so most hours did not change).
     *
     * @param previous the history before this one, or null; it keeps no link to its own predecessor from now on
     */
    public WindowHistory(List<WindowStats> windows, WindowHistory previous) {
        this(windows);
        if (previous != null) {
            // One level only: a chain of histories would keep every earlier one alive. And the predecessor keeps only
            // what this one may take over (windows, local times, baselines at hours): it is not evaluated again.
            previous.previous = null;
            previous.changedHours = null;
            previous.alignment = null;
            previous.baselines.clear();
            previous.derived.clear();
            previous.windowsAtHourOfDay = null;
            this.previous = previous;
        }
    }

    public static WindowHistory empty() {
        return new WindowHistory(List.of());
    }

    public List<WindowStats> windows() {
        return windows;
    }

    public int size() {
        return windows.size();
    }

    public double[] values(ToDoubleFunction<WindowStats> metric) {
        return windows.stream().mapToDouble(metric).toArray();
    }

    /** The windows that started before {@code instant}. */
    public WindowHistory before(Instant instant) {
        int end = windows.size();
        while (end > 0 && !windows.get(end - 1).windowStart().isBefore(instant)) {
            end--;
        }
        if (end == windows.size()) {
            return this;
        }
        if (lastBefore != null && lastBefore.size() == end) {
            // The same windows as last time: keep what that history remembered.
            return lastBefore;
        }
        lastBefore = new WindowHistory(windows.subList(0, end), previous == null ? null : previous.lastBefore);
        if (hoursZone != null) {
            // The same windows' local hours as this history's first ones.
            lastBefore.hourOfWeek = Arrays.copyOf(hourOfWeek, end);
            lastBefore.localDay = Arrays.copyOf(localDay, end);
            lastBefore.hoursZone = hoursZone;
        }
        return lastBefore;
    }

    /**
     * Whether this history holds exactly these window instances, in this order: a stream processor evaluating a
     * window again with an unchanged history keeps the baselines this instance remembered.
     */
    public boolean holdsSame(List<WindowStats> others) {
        if (others.size() != windows.size()) {
            return false;
        }
        for (int i = 0; i < others.size(); i++) {
            if (others.get(i) != windows.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Local hour of the week (Monday 0:00 is 0) of the start of each window, in {@code zone}. */
    int[] hoursOfWeek(ZoneId zone) {
        if (!zone.equals(hoursZone)) {
            if (hoursZone != null) {
                // Seasonal baselines are remembered by local hour: those of another zone do not apply.
                baselines.clear();
                baselinesAtHours.clear();
                derived.clear();
                lastBefore = null;
                changedHours = null;
            }
            hourOfWeek = new int[windows.size()];
            localDay = new long[windows.size()];
            int[] shared = zone.equals(previousZone()) ? alignment() : null;
            int from = 0;
            if (shared != null) {
                // The windows both histories hold have the same local times: only the new ones are looked up.
                System.arraycopy(previous.hourOfWeek, shared[0], hourOfWeek, 0, shared[1]);
                System.arraycopy(previous.localDay, shared[0], localDay, 0, shared[1]);
                from = shared[1];
            }
            localTimes(windows, from, zone.getRules(), hourOfWeek, localDay);
            windowsPerHourOfWeek = null;
            windowsAtHourOfWeek = null;
            windowsAtHourOfDay = null;
            hoursZone = zone;
        }
        return hourOfWeek;
    }

    /** Local day (days since 1970-01-01 in {@code zone}) of the start of each window. */
    long[] localDays(ZoneId zone) {
        hoursOfWeek(zone);
        return localDay;
    }

    /** How many windows start at each local hour of the week (Monday 0:00 is 0) in {@code zone}: 168 counts. */
    int[] windowsPerHourOfWeek(ZoneId zone) {
        int[] hours = hoursOfWeek(zone);
        if (windowsPerHourOfWeek == null) {
            int[] counts = new int[HOURS_PER_WEEK];
            for (int hour : hours) {
                counts[hour]++;
            }
            windowsPerHourOfWeek = counts;
        }
        return windowsPerHourOfWeek;
    }

    /**
     * The values of {@code metric} of the windows whose local hour of the week (Monday 0:00 is 0) in {@code zone}
     * passes {@code hours}, in the history's order: the same array as a filter over every window, from the windows
     * of the chosen hours alone (a baseline of one hour reads a twenty-fourth of two weeks, not all of it).
     */
    double[] valuesAtHours(ToDoubleFunction<WindowStats> metric, ZoneId zone, IntPredicate hours) {
        int[][] atHour = windowsAtHourOfWeek(zone);
        int[] chosen = new int[HOURS_PER_WEEK];
        int chosenHours = 0;
        int count = 0;
        for (int hour = 0; hour < HOURS_PER_WEEK; hour++) {
            if (hours.test(hour)) {
                chosen[chosenHours++] = hour;
                count += atHour[hour].length;
            }
        }
        int[] indices = new int[count];
        int filled = 0;
        for (int c = 0; c < chosenHours; c++) {
            int[] windowsOfHour = atHour[chosen[c]];
            System.arraycopy(windowsOfHour, 0, indices, filled, windowsOfHour.length);
            filled += windowsOfHour.length;
        }
        if (chosenHours > 1) {
            // Back in the history's order: a sum over the values (the mean deviation) then adds up the same way.
            Arrays.sort(indices);
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = metric.applyAsDouble(windows.get(indices[i]));
        }
        return values;
    }

    /** The values of {@code metric} of the windows starting at local hour {@code hourOfDay} (0-23), in order. */
    double[] valuesAtHourOfDay(ToDoubleFunction<WindowStats> metric, ZoneId zone, int hourOfDay) {
        hoursOfWeek(zone);
        if (windowsAtHourOfDay == null) {
            windowsAtHourOfDay = indicesByGroup(hourOfWeek, 24, 24);
        }
        int[] indices = windowsAtHourOfDay[hourOfDay];
        double[] values = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = metric.applyAsDouble(windows.get(indices[i]));
        }
        return values;
    }

    /** The indices of the windows starting at each local hour of the week, ascending; once per history and zone. */
    private int[][] windowsAtHourOfWeek(ZoneId zone) {
        hoursOfWeek(zone);
        if (windowsAtHourOfWeek == null) {
            windowsAtHourOfWeek = indicesByGroup(hourOfWeek, HOURS_PER_WEEK, HOURS_PER_WEEK);
        }
        return windowsAtHourOfWeek;
    }

    /** Per group ({@code hour % modulo}), the indices of the windows in it, ascending. */
    private static int[][] indicesByGroup(int[] hours, int groups, int modulo) {
        int[] counts = new int[groups];
        for (int hour : hours) {
            counts[hour % modulo]++;
        }
        int[][] byGroup = new int[groups][];
        for (int group = 0; group < groups; group++) {
            byGroup[group] = new int[counts[group]];
        }
        int[] next = new int[groups];
        for (int i = 0; i < hours.length; i++) {
            int group = hours[i] % modulo;
            byGroup[group][next[group]++] = i;
        }
        return byGroup;
    }

    /**
     * The offset of a region zone is looked up once per stretch between two of its transitions (twice a year), not
     * per window: for years past its last rule change (most zones) each lookup finds the year's transitions in a
     * cache, 40-50 ns a window, about 60 µs for two weeks of 15-min windows; about half that now (a probe on this
     * machine), and a history cut short ({@link #before}) copies its parent's hours.
     */
    private static void localTimes(List<WindowStats> windows, int from, ZoneRules rules, int[] hours, long[] days) {
        long validFrom = Long.MAX_VALUE;
        long validUntil = Long.MIN_VALUE;
        int offset = 0;
        for (int i = from; i < hours.length; i++) {
            Instant start = windows.get(i).windowStart();
            long second = start.getEpochSecond();
            if (second < validFrom || second >= validUntil) {
                offset = rules.getOffset(start).getTotalSeconds();
                ZoneOffsetTransition next = rules.nextTransition(start);
                validFrom = second;
                validUntil = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
            }
            hours[i] = hourOfWeek(second + offset);
            days[i] = Math.floorDiv(second + offset, 86_400);
        }
    }

    static int hourOfWeek(Instant instant, ZoneRules rules) {
        return hourOfWeek(instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds());
    }

    /** @param local seconds since 1970-01-01 00:00 local time */
    private static int hourOfWeek(long local) {
        long days = Math.floorDiv(local, 86_400);
        int weekday = (int) Math.floorMod(days + EPOCH_WEEKDAY_SHIFT, 7);
        int hour = (int) (Math.floorMod(local, 86_400) / 3600);
        return weekday * 24 + hour;
    }

    static int hourOfDay(int hourOfWeek) {
        return hourOfWeek % 24;
    }

    /**
     * The baseline of the windows at the local hours of the week that pass {@code hours}, remembered under
     * {@code key} (one key, one metric and one set of hours): computed once per instance, or taken over from the
     * previous history when it holds the same windows, as the same instances in the same order, at every one of
     * those hours. The same result either way, so a catch-up computes only the baselines of the hours that changed.
     */
    RobustBaseline baselineAtHours(String key, ZoneId zone, IntPredicate hours, Supplier<double[]> values) {
        hoursOfWeek(zone);
        RobustBaseline known = baselinesAtHours.get(key);
        if (known != null) {
            return known;
        }
        if (previous != null && zone.equals(previous.hoursZone)) {
            RobustBaseline before = previous.baselinesAtHours.get(key);
            if (before != null && sameAsPreviousAt(zone, hours)) {
                known = before;
            }
        }
        if (known == null) {
            known = RobustBaseline.of(values.get());
        }
        baselinesAtHours.put(key, known);
        return known;
    }

    private boolean sameAsPreviousAt(ZoneId zone, IntPredicate hours) {
        if (changedHours == null) {
            boolean[] same = sameAsPrevious(zone);
            changedHours = IntStream.range(0, HOURS_PER_WEEK).filter(hour -> !same[hour]).toArray();
        }
        // Usually one or two hours changed: those are the ones to test.
        for (int hour : changedHours) {
            if (hours.test(hour)) {
                return false;
            }
        }
        return true;
    }

    private boolean[] sameAsPrevious(ZoneId zone) {
        int[] hours = hoursOfWeek(zone);
        int[] shared = alignment();
        boolean[] same = new boolean[HOURS_PER_WEEK];
        if (shared != null) {
            // Lined up: the hours of the windows only one of them holds changed, the others did not.
            Arrays.fill(same, true);
            int[] previousHours = previous.hourOfWeek;
            for (int i = 0; i < shared[0]; i++) {
                same[previousHours[i]] = false;
            }
            for (int i = shared[0] + shared[1]; i < previousHours.length; i++) {
                same[previousHours[i]] = false;
            }
            for (int i = shared[1]; i < hours.length; i++) {
                same[hours[i]] = false;
            }
            return same;
        }
        int[][] mine = windowsAtHourOfWeek(zone);
        int[][] theirs = previous.windowsAtHourOfWeek(zone);
        for (int hour = 0; hour < HOURS_PER_WEEK; hour++) {
            same[hour] = sameWindows(mine[hour], windows, theirs[hour], previous.windows);
        }
        return same;
    }

    private ZoneId previousZone() {
        return previous == null ? null : previous.hoursZone;
    }

    /** {@link #alignment}, compared once: a pass of reference comparisons over the windows both hold. */
    private int[] alignment() {
        if (!aligned) {
            aligned = true;
            alignment = lineUp(windows, previous.windows);
        }
        return alignment;
    }

    private static int[] lineUp(List<WindowStats> windows, List<WindowStats> previousWindows) {
        if (windows.isEmpty()) {
            return null;
        }
        WindowStats first = windows.get(0);
        int k = 0;
        while (k < previousWindows.size() && previousWindows.get(k) != first) {
            k++;
        }
        if (k == previousWindows.size()) {
            return null;
        }
        int m = Math.min(previousWindows.size() - k, windows.size());
        for (int i = 0; i < m; i++) {
            if (windows.get(i) != previousWindows.get(k + i)) {
                return null;
            }
        }
        return new int[] {k, m};
    }

    private static boolean sameWindows(int[] indices, List<WindowStats> windows, int[] otherIndices,
                                       List<WindowStats> otherWindows) {
        if (indices.length != otherIndices.length) {
            return false;
        }
        for (int i = 0; i < indices.length; i++) {
            // The same instance: an updated window is a new one, so its hour's baselines are computed again.
            if (windows.get(indices[i]) != otherWindows.get(otherIndices[i])) {
                return false;
            }
        }
        return true;
    }

    /** A baseline remembered under {@code key} for the rest of this evaluation; null when absent. */
    RobustBaseline remembered(String key) {
        return baselines.get(key);
    }

    void remember(String key, RobustBaseline baseline) {
        baselines.put(key, baseline);
    }

    /**
     * Something a detector derives from this history (and {@code zone}'s local hours), computed once per instance
     * under {@code key}.
     */
    @SuppressWarnings("unchecked")
    <T> T derived(String key, ZoneId zone, Supplier<T> compute) {
        // Also drops what was derived in another zone.
        hoursOfWeek(zone);
        T value = (T) derived.get(key);
        if (value == null) {
            // Not computeIfAbsent: one derived value may be computed from another (the map may not change under it).
            value = compute.get();
            derived.put(key, value);
        }
        return value;
    }

    /** The values of {@code metric} of the windows whose index passes {@code filter}. */
    double[] values(ToDoubleFunction<WindowStats> metric, IntPredicate filter) {
        List<WindowStats> list = windows;
        double[] out = new double[list.size()];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (filter.test(i)) {
                out[n++] = metric.applyAsDouble(list.get(i));
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static boolean isOrdered(List<WindowStats> windows) {
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i).windowStart().isBefore(windows.get(i - 1).windowStart())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowHistory history && history.windows.equals(windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    @Override
    public String toString() {
        return "WindowHistory[" + windows.size() + " windows]";
    }
}
