package io.vigie.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the repository's data files whether a benchmark runs from the repository root or from {@code bench/}. */
final class RepositoryFiles {

    static final String DEMO_DATASET = "ingest-service/src/main/resources/demo/nuvelia-demo.jsonl";
    static final String CONNECTOR_FIXTURES = "ingest-service/src/test/resources/fixtures";

    private RepositoryFiles() {
    }

    static Path resolve(String path) {
        for (Path candidate : List.of(Path.of(path), Path.of("..").resolve(path))) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("'" + path + "' not found: run from the repository root (or from bench/), or "
                + "pass its path with -p");
    }
}
