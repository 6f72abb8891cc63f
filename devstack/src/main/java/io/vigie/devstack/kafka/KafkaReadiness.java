package io.vigie.devstack.kafka;

import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.process.Ports;
import io.vigie.devstack.process.StartupWait;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker is ready when it lists itself as a cluster member: the listener is up and the broker has registered
 * with the controller and been unfenced, so clients can create topics and produce.
 */
public final class KafkaReadiness {

    private KafkaReadiness() {
    }

    public static void await(ManagedProcess broker, int port, Duration timeout) {
        // The port first: an admin client pointed at a closed port logs a warning per retry.
        StartupWait.await(broker, timeout, () -> Ports.isListening(port));
        StartupWait.await(broker, timeout, () -> hasBrokers(port));
    }

    /** Whether a broker answers on 127.0.0.1:{@code port} and the cluster has at least one unfenced broker. */
    public static boolean hasBrokers(int port) {
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.CLIENT_ID_CONFIG, "vigie-devstack-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
