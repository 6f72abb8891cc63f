package io.vigie.devstack.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.devstack.DevStackConfig;
import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSearchJavaTest {

    @TempDir
    Path jvms;

    @Test
    void skipsARuntimeTooNewForOpenSearchAndTakesA17() throws IOException {
        Path java25 = fakeJava("temurin-25", "25.0.1");
        Path java17 = fakeJava("java-17-openjdk", "17.0.15");
        DevStackConfig config = config(Map.of("JAVA_HOME", java25.toString()));

        assertThat(OpenSearchJava.locate(config, java25, jvms)).isEqualTo(java17);
    }

    @Test
    void prefersJavaHomeWhenItFits() throws IOException {
        Path java21 = fakeJava("jdk-21", "21.0.4");
        fakeJava("java-17-openjdk", "17.0.15");

        assertThat(OpenSearchJava.locate(config(Map.of("JAVA_HOME", java21.toString())), jvms.resolve("none"), jvms))
                .isEqualTo(java21);
    }

    @Test
    void anExplicitOpenSearchJavaHomeOfTheWrongVersionIsAnError() throws IOException {
        Path java25 = fakeJava("temurin-25", "25.0.1");
        DevStackConfig config = config(Map.of("OPENSEARCH_JAVA_HOME", java25.toString()));

        assertThatThrownBy(() -> OpenSearchJava.locate(config, java25, jvms))
                .isInstanceOf(DevStackException.class)
                .hasMessage("OPENSEARCH_JAVA_HOME=" + java25 + " is Java 25; OpenSearch 2.19 needs Java 17 or 21");
    }

    @Test
    void noSuitableRuntimeIsAnErrorSayingWhatToInstall() throws IOException {
        Path java25 = fakeJava("temurin-25", "25.0.1");

        assertThatThrownBy(() -> OpenSearchJava.locate(config(Map.of()), java25, jvms))
                .hasMessageStartingWith("no Java 17 or 21 found for OpenSearch 2.19")
                .hasMessageContaining("OPENSEARCH_JAVA_HOME");
    }

    private static DevStackConfig config(Map<String, String> env) {
        return DevStackConfig.fromEnvironment(env);
    }

    private Path fakeJava(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createFile(home.resolve("bin/java"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
