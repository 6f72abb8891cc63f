package io.vigie.ingest.source.http;

import java.time.Duration;

/** How the client waits (back-off, rate limits); tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
