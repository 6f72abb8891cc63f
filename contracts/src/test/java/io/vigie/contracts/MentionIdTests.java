package io.vigie.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionIdTests {

    @Test
    void sameSourceAndNativeIdGiveTheSameId() {
        assertThat(MentionId.of("reddit", "t3_abc123")).isEqualTo(MentionId.of("reddit", "t3_abc123"));
    }

    @Test
    void idIsThirtyTwoLowerCaseHexCharacters() {
        assertThat(MentionId.of("rss", "https://example.org/post/1")).matches("[0-9a-f]{32}");
    }

    @Test
    void idIsStableAcrossReleases() {
        // Changing the hash would duplicate every stored mention on re-fetch: this value (computed independently
        // with Python's hashlib) must never change.
        assertThat(MentionId.of("rss", "https://example.org/post/1")).isEqualTo(MentionId.of("RSS", "https://example.org/post/1"));
        assertThat(MentionId.of("rss", "https://example.org/post/1")).isEqualTo("e0e019cd0dcc17c69554745256f1f929");
    }

    @Test
    void differentSourcesWithTheSameNativeIdAreDifferentMentions() {
        assertThat(MentionId.of("reddit", "12345")).isNotEqualTo(MentionId.of("hackernews", "12345"));
    }

    @Test
    void concatenationAmbiguityDoesNotCollide() {
        assertThat(MentionId.of("ab", "c")).isNotEqualTo(MentionId.of("a", "bc"));
    }

    @Test
    void nativeIdIsCaseSensitive() {
        assertThat(MentionId.of("youtube", "dQw4w9WgXcQ")).isNotEqualTo(MentionId.of("youtube", "dqw4w9wgxcq"));
    }

    @Test
    void missingPartsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> MentionId.of("rss", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source's own id");
        assertThatThrownBy(() -> MentionId.of(null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source type");
    }
}
