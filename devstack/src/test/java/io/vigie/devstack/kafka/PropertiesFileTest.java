package io.vigie.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {

    @Test
    void whatItWritesReadsBackUnchanged(@TempDir Path dir) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9094");
        written.put("sasl.jaas.config", "module required path=\"C:\\kafka\";");
        written.put("odd", " leading blank\nand a line break");
        Path file = dir.resolve("server.properties");

        PropertiesFile.write(file, "test", written);

        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            read.load(reader);
        }
        assertThat(read).containsExactlyInAnyOrderEntriesOf(written);
        assertThat(Files.readString(file)).contains("listeners=PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9094");
    }
}
