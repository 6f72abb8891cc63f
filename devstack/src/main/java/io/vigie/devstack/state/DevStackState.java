package io.vigie.devstack.state;

import java.util.Optional;

/**
 * What the state file holds: the devstack process that owns the servers, and the servers.
 *
 * @param ownerPid        pid of the devstack that stops these servers when it exits, 0 when none
 * @param ownerStartedAt  its start time in epoch milliseconds
 * @param kafka           the broker, if one was started
 * @param openSearch      the node, if one was started
 */
public record DevStackState(long ownerPid, long ownerStartedAt, Optional<ServerRecord> kafka,
                            Optional<ServerRecord> openSearch) {

    public static DevStackState empty() {
        return new DevStackState(0, 0, Optional.empty(), Optional.empty());
    }

    /** Whether the owning devstack still runs (so it will stop these servers itself). */
    public boolean ownerAlive() {
        return ownerPid != 0 && new ServerRecord(ownerPid, ownerStartedAt, 0, 0).liveProcess().isPresent();
    }

    public Optional<ProcessHandle> owner() {
        return ownerPid == 0 ? Optional.empty() : new ServerRecord(ownerPid, ownerStartedAt, 0, 0).liveProcess();
    }
}
