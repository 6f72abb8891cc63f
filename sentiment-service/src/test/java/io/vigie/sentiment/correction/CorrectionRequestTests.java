package io.vigie.sentiment.correction;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorrectionRequestTests {

    @Test
    void acceptsTheThreePolaritiesInAnyCaseAndCreditsTheUser() {
        CorrectionRequest request = CorrectionRequest.parse(" Negative ", "  double billing, not a joke ", " marie.dupont ");
        assertThat(request).isEqualTo(new CorrectionRequest("negative", "double billing, not a joke", "marie.dupont"));
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(request.at(now)).isEqualTo(new HumanSentiment("negative", "marie.dupont", now, "double billing, not a joke"));
        assertThat(CorrectionRequest.parse("neutral", null, null).label()).isEqualTo("neutral");
        assertThat(CorrectionRequest.parse("positive", null, null).label()).isEqualTo("positive");
    }

    @Test
    void withoutAUserHeaderTheCorrectionIsAnonymousAndABlankNoteIsNoNote() {
        CorrectionRequest request = CorrectionRequest.parse("positive", "   ", "  ");
        assertThat(request.user()).isEqualTo("anonymous");
        assertThat(request.note()).isNull();
    }

    @Test
    void refusesLabelsAnAnalystCannotGive() {
        assertThatThrownBy(() -> CorrectionRequest.parse("unsupported", null, null))
                .hasMessage("unknown label 'unsupported': use negative, neutral or positive");
        assertThatThrownBy(() -> CorrectionRequest.parse("angry", null, null)).hasMessageContaining("unknown label 'angry'");
        assertThatThrownBy(() -> CorrectionRequest.parse(null, null, null)).hasMessageContaining("no label");
    }

    @Test
    void refusesAUserNameThatIsLongOrNotPlainlyReadable() {
        assertThat(CorrectionRequest.parse("neutral", null, "Élodie Martin").user()).isEqualTo("Élodie Martin");
        assertThatThrownBy(() -> CorrectionRequest.parse("neutral", null, "a".repeat(65)))
                .hasMessageContaining("X-Vigie-User is 65 characters long");
        assertThatThrownBy(() -> CorrectionRequest.parse("neutral", null, "eve\u0007"))
                .hasMessageContaining("X-Vigie-User contains control or invisible characters");
        // A right-to-left override would make "admin" appear where another name is stored.
        assertThatThrownBy(() -> CorrectionRequest.parse("neutral", null, "\u202Enimda"))
                .hasMessageContaining("X-Vigie-User contains control or invisible characters");
    }

    @Test
    void boundsTheNoteButKeepsItsLineBreaks() {
        assertThat(CorrectionRequest.parse("neutral", "line one\nline two", null).note()).isEqualTo("line one\nline two");
        assertThatThrownBy(() -> CorrectionRequest.parse("neutral", "x".repeat(1001), null))
                .hasMessageContaining("note is 1001 characters long; at most 1000");
        assertThatThrownBy(() -> CorrectionRequest.parse("neutral", "zero\u200Bwidth", null))
                .hasMessageContaining("note contains control or invisible characters");
    }
}
