package io.vigie.alert.detect;

import io.vigie.contracts.WatchDefinition;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alerting profile of each watch known to this instance, updated from watch definitions; watches never seen get
 * the service defaults. Shared by the stream threads, hence concurrent.
 */
public class WatchProfiles {

    private final Map<String, WatchProfile> profiles = new ConcurrentHashMap<>();
    private final ZoneId defaultZone;

    public WatchProfiles(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    public void update(WatchDefinition watch) {
        profiles.put(watch.id(), WatchProfile.of(watch, defaultZone));
    }

    public void remove(String watchId) {
        profiles.remove(watchId);
    }

    public WatchProfile get(String watchId) {
        WatchProfile profile = profiles.get(watchId);
        return profile != null ? profile : WatchProfile.defaults(defaultZone);
    }
}
