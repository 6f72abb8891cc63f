package io.vigie.devstack;

import io.vigie.devstack.state.ServerRecord;
import java.util.Optional;

/**
 * One server as {@code devstack status} reports it.
 *
 * @param name    server name
 * @param pid     its pid when it runs
 * @param address where clients reach it
 */
public record ServerStatus(String name, Optional<Long> pid, String address) {

    static ServerStatus of(String name, Optional<ServerRecord> record, String address) {
        return new ServerStatus(name, record.flatMap(ServerRecord::liveProcess).map(ProcessHandle::pid), address);
    }

    public boolean running() {
        return pid.isPresent();
    }

    @Override
    public String toString() {
        return pid.map(p -> name + ": running (pid " + p + ") at " + address).orElse(name + ": not running");
    }
}
