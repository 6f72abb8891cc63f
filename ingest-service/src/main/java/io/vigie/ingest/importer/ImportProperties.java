package io.vigie.ingest.importer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code vigie.ingest.import}.
 *
 * @param maxFileSize a larger upload is refused with 413
 * @param batchSize   mentions published (and acknowledged) together
 * @param maxErrors   per-line errors kept in an import's report (the count goes on beyond)
 * @param keep        finished imports whose report stays available (the oldest are forgotten)
 */
@ConfigurationProperties("vigie.ingest.import")
public record ImportProperties(
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1000") int maxErrors,
        @DefaultValue("50") int keep) {
}
