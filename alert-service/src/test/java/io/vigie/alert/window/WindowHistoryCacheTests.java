package io.vigie.alert.window;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class WindowHistoryCacheTests {

    private static final Duration SIZE = Duration.ofMinutes(15);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Whatever the order of updates and evaluations, the cache answers what reading the store would. */
    @Test
    void alwaysAgreesWithTheStore() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            TreeMap<Instant, WindowStats> store = new TreeMap<>();
            // small bounds too, so that eviction is exercised
            WindowHistoryCache cache = seed % 2 == 0 ? new WindowHistoryCache(RETENTION, 2, 150)
                    : new WindowHistoryCache(RETENTION, 4096, 100_000);
            Map<String, TreeMap<Instant, WindowStats>> stores = Map.of("a", store, "b", new TreeMap<>(),
                    "c", new TreeMap<>());
            int newest = 0;
            for (int step = 0; step < 3000; step++) {
                String watch = List.of("a", "b", "c").get(random.nextInt(3));
                TreeMap<Instant, WindowStats> own = stores.get(watch);
                int index = random.nextInt(10) < 7 ? newest + random.nextInt(2) : Math.max(0, newest - random.nextInt(200));
                newest = Math.max(newest, index);
                Instant start = T0.plus(SIZE.multipliedBy(index));
                WindowStats previous = own.get(start);
                WindowStats window = new WindowStats(watch, start, start.plus(SIZE),
                        previous == null ? 1 : previous.volume() + 1, 1, random.nextInt(2), 0.5, List.of(), 1, 0, 0, 0,
                        Map.of(random.nextBoolean() ? "news" : "reddit", 1L), Map.of(), List.of());
                own.put(start, window);
                cache.updated(watch, window);
                if (random.nextInt(4) > 0) {
                    Instant evaluated = random.nextInt(5) == 0 ? start.minus(SIZE) : start;
                    List<WindowStats> cached = cache.before(watch, evaluated, (from, to) ->
                            new ArrayList<>(own.subMap(from, true, to, false).values()));
                    List<WindowStats> expected = new ArrayList<>(
                            own.subMap(evaluated.minus(RETENTION), true, evaluated, false).values());
                    assertThat(cached).as("seed %d step %d", seed, step).isEqualTo(expected);
                    if (evaluated.equals(start)) {
                        cache.updated(watch, window);
                    }
                }
            }
        }
    }
}
