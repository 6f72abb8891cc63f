package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How often, at each local hour, an empty window followed an empty one in the history. Mentions of a thread, a news
 * cycle or a forum's evening come in spells, so a source's lulls last longer than independent windows would: after an
 * empty window, the next is empty far more often than its hour's share of empty windows says, and a silence
 * detector blind to that pages on every long lull.
 *
 * @param followed      per hour of the day, windows whose previous window was empty
 * @param emptyFollowed of those, the empty ones
 */
record EmptySpells(int[] followed, int[] emptyFollowed) {

    /** Weight, in windows, of the hour's own chance of being empty when few windows followed an empty one. */
    private static final double PRIOR = 2;

    /** Counts the windows of the history before {@code before}; the missing ones were empty. */
    static EmptySpells of(WindowHistory history, ZoneRules rules, ToDoubleFunction<WindowStats> metric,
                          Duration length, Instant before) {
        EmptySpells spells = new EmptySpells(new int[24], new int[24]);
        List<WindowStats> windows = history.windows();
        if (windows.isEmpty()) {
            return spells;
        }
        int next = 0;
        boolean previousEmpty = false;
        for (Instant slot = windows.get(0).windowStart(); slot.isBefore(before); slot = slot.plus(length)) {
            while (next < windows.size() && windows.get(next).windowStart().isBefore(slot)) {
                next++;
            }
            boolean empty = next >= windows.size() || !windows.get(next).windowStart().equals(slot)
                    || metric.applyAsDouble(windows.get(next)) <= 0;
            if (previousEmpty) {
                int hour = WindowHistory.hourOfDay(WindowHistory.hourOfWeek(slot, rules));
                spells.followed[hour]++;
                spells.emptyFollowed[hour] += empty ? 1 : 0;
            }
            previousEmpty = empty;
        }
        return spells;
    }

    /**
     * The log of the chance that a window at {@code slot} is empty when the one before it was: the share seen at its
     * hour, drawn towards the hour's own chance while few windows were seen, and never below that chance.
     *
     * @param logChanceAlone the log of the window's chance of being empty on its own ({@link HourlyRates})
     */
    double logChanceAfterEmpty(Instant slot, ZoneRules rules, double logChanceAlone) {
        int hour = WindowHistory.hourOfDay(WindowHistory.hourOfWeek(slot, rules));
        double alone = Math.exp(logChanceAlone);
        double afterEmpty = (emptyFollowed[hour] + PRIOR * alone) / (followed[hour] + PRIOR);
        return Math.max(logChanceAlone, Math.log(afterEmpty));
    }
}
