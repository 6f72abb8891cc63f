package io.vigie.ingest.importer;

import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.push.PushProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs file imports one after the other on a background thread. The upload is first copied to a temporary file
 * (streamed, so the request can end and the file is never held in memory), then read line by line. Reports live in
 * memory: the latest {@code keep} imports survive until the service restarts.
 */
@Service
public class ImportService implements DisposableBean {

    private final MentionPipeline pipeline;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final PushProperties items;
    private final Clock clock;
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "file-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportService(MentionPipeline pipeline, JsonMapper json, ImportProperties properties, PushProperties items,
                         Clock clock) {
        this.pipeline = pipeline;
        this.json = json;
        this.properties = properties;
        this.items = items;
        this.clock = clock;
    }

    /**
     * @return the started import's first report
     * @throws ImportTooLargeException when the upload exceeds {@code max-file-size}
     */
    public ImportReport start(ImportFormat format, InputStream upload) throws IOException {
        Path file = Files.createTempFile("vigie-import-", "." + format.name().toLowerCase());
        try {
            copyBounded(upload, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        String id = UUID.randomUUID().toString();
        ImportJob job = new ImportJob(id, format, file, pipeline, json, properties, items.maxTextLength(), clock);
        synchronized (jobs) {
            forgetOldest();
            jobs.put(id, job);
        }
        runner.execute(job);
        return job.report();
    }

    public Optional<ImportReport> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(ImportJob::report);
        }
    }

    private void copyBounded(InputStream upload, Path file) throws IOException {
        long limit = properties.maxFileSize().toBytes();
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = upload.read(buffer)) != -1) {
                copied += read;
                if (copied > limit) {
                    throw new ImportTooLargeException("the file is larger than "
                            + HumanUnits.of(properties.maxFileSize()) + " (vigie.ingest.import.max-file-size): split "
                            + "it and import the parts");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private void forgetOldest() {
        Iterator<ImportJob> oldest = jobs.values().iterator();
        while (jobs.size() >= properties.keep() && oldest.hasNext()) {
            if (oldest.next().finished()) {
                oldest.remove();
            }
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
