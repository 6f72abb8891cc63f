package io.vigie.devstack.state;

import java.util.Optional;

/**
 * A server devstack started, as the state file remembers it.
 *
 * @param pid           process id
 * @param startedAt     process start time in epoch milliseconds as the OS reports it; tells the server from a later
 *                      process that happens to get the same pid
 * @param port          the port clients use (Kafka listener, OpenSearch HTTP)
 * @param secondaryPort the other listener (KRaft controller, OpenSearch transport)
 */
public record ServerRecord(long pid, long startedAt, int port, int secondaryPort) {

    /** The live process this record describes, if it still runs. */
    public Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant()
                        .map(start -> start.toEpochMilli() == startedAt)
                        .orElse(false));
    }
}
