package io.vigie.sentiment.search;

import java.util.List;

/** @param total how many mentions match in all; {@code hits} is one page of them */
public record MentionSearchResult(long total, List<MentionHit> hits) {
}
