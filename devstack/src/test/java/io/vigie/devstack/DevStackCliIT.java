package io.vigie.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.devstack.process.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract the {@code ./vigie} launcher relies on: {@code java -jar devstack.jar start}, then TERM. */
class DevStackCliIT {

    private static final Path JAR = Path.of("target", "devstack.jar");

    private Path home;
    private Process devstack;

    @AfterEach
    void cleanUp() throws IOException {
        if (devstack != null) {
            devstack.destroyForcibly();
        }
        DevStackTestSupport.delete(home);
    }

    @Test
    void printsOneReadyLineThenStopsEverythingOnTermAndExitsZero() throws Exception {
        home = DevStackTestSupport.newHome();
        Map<String, String> env = DevStackTestSupport.isolatedEnvironment(home);
        DevStackConfig config = DevStackConfig.fromEnvironment(env);
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "start")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        devstack = builder.start();

        BufferedReader stdout = new BufferedReader(new InputStreamReader(devstack.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(200, TimeUnit.SECONDS);

        assertThat(ready).isEqualTo("DEVSTACK READY kafka=127.0.0.1:" + config.kafkaPort()
                + " opensearch=http://127.0.0.1:" + config.openSearchPort() + " logs=" + home.resolve("logs"));
        List<ProcessHandle> servers = devstack.toHandle().descendants().toList();
        assertThat(servers).hasSizeGreaterThanOrEqualTo(2);

        // Through the handle: Process#destroy would also close our end of its stdout.
        devstack.toHandle().destroy();

        assertThat(devstack.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(devstack.exitValue()).isZero();
        assertThat(readLine(stdout)).as("nothing but the ready line on stdout").isNull();
        assertThat(servers).noneMatch(ProcessHandle::isAlive);
        assertThat(Ports.isListening(config.kafkaPort())).isFalse();
        assertThat(Ports.isListening(config.openSearchPort())).isFalse();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
