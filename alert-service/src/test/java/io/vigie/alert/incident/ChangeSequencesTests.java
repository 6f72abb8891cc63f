package io.vigie.alert.incident;

import org.junit.jupiter.api.Test;

import static io.vigie.alert.incident.ChangeSequences.Verdict.AFTER_GAP;
import static io.vigie.alert.incident.ChangeSequences.Verdict.NEXT;
import static io.vigie.alert.incident.ChangeSequences.Verdict.SEEN;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeSequencesTests {

    private final ChangeSequences sequences = new ChangeSequences();

    @Test
    void aReaderStartingAtTheEndTakesTheFirstRecordOfEachWriterAsItsStart() {
        assertThat(sequences.read("a", 0, 17)).isEqualTo(NEXT);
        assertThat(sequences.read("b", 0, 3)).isEqualTo(NEXT);
        assertThat(sequences.read("a", 1, 40)).as("numbered per partition").isEqualTo(NEXT);
        assertThat(sequences.read("a", 0, 18)).isEqualTo(NEXT);
        assertThat(sequences.read("b", 0, 4)).isEqualTo(NEXT);
    }

    @Test
    void aHoleInAWritersSequenceIsALostChange() {
        sequences.read("a", 0, 1);
        assertThat(sequences.read("a", 0, 3)).isEqualTo(AFTER_GAP);
        assertThat(sequences.read("a", 0, 4)).isEqualTo(NEXT);
        assertThat(sequences.read("b", 0, 1)).as("another writer's records are not the hole").isEqualTo(NEXT);
    }

    @Test
    void aRecordReadAgainIsNotPassedOnTwice() {
        sequences.read("a", 0, 1);
        sequences.read("a", 0, 2);
        assertThat(sequences.read("a", 0, 2)).isEqualTo(SEEN);
        assertThat(sequences.read("a", 0, 1)).isEqualTo(SEEN);
        assertThat(sequences.read("a", 0, 3)).isEqualTo(NEXT);
    }

    @Test
    void aPartitionReadAgainFromItsEndStartsAfresh() {
        sequences.read("a", 2, 1);
        sequences.read("a", 3, 1);
        sequences.forget(2);
        assertThat(sequences.read("a", 2, 9)).isEqualTo(NEXT);
        assertThat(sequences.read("a", 3, 9)).as("other partitions still tracked").isEqualTo(AFTER_GAP);
    }
}
