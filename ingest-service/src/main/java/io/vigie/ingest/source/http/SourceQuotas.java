package io.vigie.ingest.source.http;

import io.vigie.ingest.source.SourceInstance;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest known quota of each source instance, shown by the source health API. {@link SourceHttpClient} fills it
 * from rate-limit headers; a connector with its own bookkeeping (YouTube units) reports it here with
 * {@link #report(SourceInstance, SourceQuota)}, which replaces the header-derived value for that instance.
 */
@Component
public class SourceQuotas {

    private final Map<String, SourceQuota> byInstance = new ConcurrentHashMap<>();

    public void report(SourceInstance instance, SourceQuota quota) {
        byInstance.put(instance.id(), quota);
    }

    /** @return the latest quota of the instance, or null when the source never announced one */
    public SourceQuota get(String instanceId) {
        return byInstance.get(instanceId);
    }
}
