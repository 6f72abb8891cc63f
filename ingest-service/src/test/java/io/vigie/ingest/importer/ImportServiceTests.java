package io.vigie.ingest.importer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.push.PushProperties;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ImportServiceTests {

    private final RecordingSink sink = new RecordingSink();
    private final ImportService imports = new ImportService(new MentionPipeline(new WatchMatcher(
            new WatchRepository(List.of(new Watch("nuvelia", null, List.of("nuvelia"), List.of(), List.of())))),
            new RecentIds(1_000), sink, new SimpleMeterRegistry()), JsonMapper.builder().build(),
            new ImportProperties(DataSize.ofKilobytes(4), 2, 100, 10), new PushProperties(DataSize.ofMegabytes(1),
            100_000), Clock.systemUTC());

    @Test
    void aCsvIsImportedAndEachBadLineIsReportedByNumber() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("""
                nativeId,sourceName,publishedAt,title,text,author.name,engagement.likes,language
                h-1,Forum Conso,2025-10-01T08:00:00Z,,"Nuvelia, encore une facture \"\"rectificative\"\"\",Jean,3,fr
                h-2,Forum Conso,2025-10-01T09:00:00Z,,"Nuvelia sur deux
                lignes",Marie,,fr
                h-3,Forum Conso,not-a-date,,Nuvelia,Paul,,fr
                h-4,Forum Conso,2025-10-01T10:00:00Z,,Rien à voir,Paul,,fr
                """.getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("h-5,Forum Conso,2025-10-01T11:00:00Z,,Nuvelia ".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        csv.writeBytes(",Paul,,fr\nh-6,Forum Conso,2025-10-01T12:00:00Z,,Nuvelia,Paul,,fr,extra\n"
                .getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("h-7,Forum Conso,2025-10-01T13:00:00Z,,Nuvelia la fin,Paul,,fr\n".getBytes(StandardCharsets.UTF_8));

        ImportReport started = imports.start(ImportFormat.CSV, new ByteArrayInputStream(csv.toByteArray()));
        ImportReport done = await().atMost(Duration.ofSeconds(10))
                .until(() -> imports.find(started.id()).orElseThrow(), report -> !report.status().equals("running"));

        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.linesRead()).isEqualTo(9);
        assertThat(done.published()).isEqualTo(3);
        assertThat(done.unmatched()).isEqualTo(1);
        assertThat(done.rejected()).isEqualTo(3);
        assertThat(done.errors()).extracting(ImportReport.LineError::line).containsExactly(5L, 7L, 8L);
        assertThat(done.errors().get(0).error()).contains("publishedAt");
        assertThat(done.errors().get(1).error()).contains("UTF-8");
        assertThat(done.errors().get(2).error()).contains("9 fields where the header has 8");
        MentionIngested first = sink.sent().get(0);
        assertThat(first.text()).isEqualTo("Nuvelia, encore une facture \"rectificative\"");
        assertThat(first.author().name()).isEqualTo("Jean");
        assertThat(first.engagement().likes()).isEqualTo(3);
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-10-01T08:00:00Z"));
        assertThat(sink.sent().get(1).text()).isEqualTo("Nuvelia sur deux lignes");
    }

    @Test
    void aJsonlFileIsImportedWithBrokenLinesReported() throws Exception {
        String jsonl = """
                {"nativeId": "j-1", "publishedAt": "2025-10-01T08:00:00Z", "text": "Nuvelia"}
                {"nativeId": "j-2", "publishedAt": "2025-10-01T08:00:00Z", "text": "Nuvelia"
                {"nativeId": "j-3", "text": "Nuvelia sans date"}
                """;

        ImportReport started = imports.start(ImportFormat.JSONL,
                new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
        ImportReport done = await().atMost(Duration.ofSeconds(10))
                .until(() -> imports.find(started.id()).orElseThrow(), report -> !report.status().equals("running"));

        assertThat(done.published()).isEqualTo(1);
        assertThat(done.errors()).extracting(ImportReport.LineError::line).containsExactly(2L, 3L);
        assertThat(done.errors().get(0).error()).startsWith("not valid JSON");
    }

    @Test
    void aFileOverTheLimitIsRefused() {
        assertThatThrownBy(() -> imports.start(ImportFormat.JSONL, new ByteArrayInputStream(new byte[5_000])))
                .isInstanceOf(ImportTooLargeException.class)
                .hasMessageContaining("4KB");
    }
}
