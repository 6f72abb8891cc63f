package io.vigie.ingest.credential;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTests {

    @TempDir
    Path folder;

    @Test
    void theEnvironmentWinsOverTheMountedFile() throws IOException {
        Files.writeString(folder.resolve("reddit.client-secret"), "from-file\n");
        Credentials credentials = new Credentials(Map.of("VIGIE_CREDENTIAL_REDDIT_CLIENT_SECRET", "from-env"), folder);

        assertThat(credentials.resolve("reddit.client-secret")).contains("from-env");
    }

    @Test
    void aMountedFileIsReadWithoutItsTrailingNewline() throws IOException {
        Files.writeString(folder.resolve("youtube"), "AIza-key\n");

        assertThat(new Credentials(Map.of(), folder).resolve("youtube")).contains("AIza-key");
    }

    @Test
    void aMissingCredentialSaysWhereToPutIt() {
        Credentials credentials = new Credentials(Map.of(), folder);

        assertThat(credentials.resolve("github")).isEmpty();
        assertThatThrownBy(() -> credentials.require("github"))
                .hasMessageContaining("VIGIE_CREDENTIAL_GITHUB")
                .hasMessageContaining(folder.resolve("github").toString());
    }

    @Test
    void referencesCannotEscapeTheCredentialsFolder() {
        Credentials credentials = new Credentials(Map.of(), folder);

        assertThat(Credentials.isValidReference("../etc/passwd")).isFalse();
        assertThat(Credentials.isValidReference("a/b")).isFalse();
        assertThat(Credentials.isValidReference("reddit.client-id")).isTrue();
        assertThatThrownBy(() -> credentials.resolve("../../etc/shadow")).isInstanceOf(IllegalArgumentException.class);
    }
}
