package io.vigie.sentiment.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the labelled data sets in shared/ (beside the repository) and the demo dataset, as Surefire passes them. */
public final class SharedData {

    private SharedData() {
    }

    public static Path sharedFile(String relative) {
        Path path = Path.of(System.getProperty("vigie.shared.dir", "../../shared")).resolve(relative);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: these tests need shared/ beside the "
                    + "repository, or -Dvigie.shared.dir=<path to shared>");
        }
        return path;
    }

    public static Path demoDataset() {
        Path path = Path.of(System.getProperty("vigie.demo.dataset",
                "../ingest-service/src/main/resources/demo/nuvelia-demo.jsonl"));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: the demo dataset lives in ingest-service");
        }
        return path;
    }
}
