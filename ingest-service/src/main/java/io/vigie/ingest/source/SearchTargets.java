package io.vigie.ingest.source;

import io.vigie.ingest.watch.SourceBinding;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instances of a connector whose targets are the values of one watch setting (e.g. {@code search} terms): one
 * instance per distinct value, shared by every watch naming it, with the first credential reference a watch gave it
 * and the shortest poll interval they ask for.
 *
 * @param instances      what to poll
 * @param credentialRefs credential reference per instance id, for the instances that have one
 */
public record SearchTargets(List<SourceInstance> instances, Map<String, String> credentialRefs) {

    public SearchTargets {
        instances = List.copyOf(instances);
        credentialRefs = Map.copyOf(credentialRefs);
    }

    /** @param defaultInterval the connector's interval, for watches that set none */
    public static SearchTargets of(String type, String setting, List<SourceBinding> bindings, Duration defaultInterval) {
        Map<String, SourceInstance> instances = new LinkedHashMap<>();
        Map<String, String> refs = new HashMap<>();
        for (SourceBinding binding : bindings) {
            for (String value : binding.source().setting(setting)) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                SourceInstance instance = SourceInstance.of(type, value.strip(), binding.pollIntervalOr(defaultInterval));
                instances.merge(instance.id(), instance, SourceInstance::sharedWith);
                if (binding.source().credentialRef() != null) {
                    refs.putIfAbsent(instance.id(), binding.source().credentialRef());
                }
            }
        }
        return new SearchTargets(List.copyOf(instances.values()), refs);
    }
}
