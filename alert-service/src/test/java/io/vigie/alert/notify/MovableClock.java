package io.vigie.alert.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, which a test moves forward instead of waiting for a digest or the end of quiet hours: time goes on
 * passing as usual from wherever it was moved to. Only forward: the workers wait for their next search by this clock.
 */
final class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    /** From now on, this clock reads {@code target} and goes on from there. */
    void moveTo(Instant target) {
        Duration by = Duration.between(instant(), target);
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward: it reads " + instant() + ", not before "
                    + target);
        }
        ahead.updateAndGet(current -> current.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the notification side reads instants only");
    }
}
