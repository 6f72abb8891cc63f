package io.vigie.ingest.push;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code vigie.ingest.push}: the push endpoint and the file import share the item limits.
 *
 * @param maxBodySize   a larger push is refused with 413 (use the file import for bulk)
 * @param maxTextLength characters kept of one item's text; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.push")
public record PushProperties(
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("100000") int maxTextLength) {
}
