package io.vigie.alert.notify.channel;

import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries of one message: after an attempt that may have arrived, the next ones say they may be a repeat. */
class ResilientChannelTests {

    private final Notification notification = new Notification("w:1:open:high", "w", "Acme",
            List.of(TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.OPEN)), List.of(), false);

    @Test
    void theAttemptsAfterOneThatGotNoAnswerAreMarkedAsAPossibleRepeat() {
        Receiver receiver = new Receiver(DeliveryFailure.transientFailure("connection refused"),
                DeliveryFailure.uncertainFailure("timed out waiting for the answer"),
                DeliveryFailure.transientFailure("HTTP 503"));

        ResilientChannel.Outcome outcome = resilient(receiver, 4).deliver(notification);

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.uncertain()).isTrue();
        assertThat(receiver.repeatFlags).containsExactly(false, false, true, true);
    }

    @Test
    void failuresThatNeverReachedTheReceiverLeaveTheMessageUnmarked() {
        Receiver receiver = new Receiver(DeliveryFailure.transientFailure("connection refused"),
                DeliveryFailure.transientFailure("HTTP 503"));

        ResilientChannel.Outcome outcome = resilient(receiver, 4).deliver(notification);

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.uncertain()).isFalse();
        assertThat(receiver.repeatFlags).containsExactly(false, false, false);
    }

    @Test
    void anOutcomeWithoutDeliveryStillSaysTheMessageMayHaveArrived() {
        Receiver receiver = new Receiver(DeliveryFailure.uncertainFailure("timed out waiting for the answer"),
                DeliveryFailure.transientFailure("HTTP 503"));

        ResilientChannel.Outcome outcome = resilient(receiver, 2).deliver(notification);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.uncertain()).as("kept for the next round").isTrue();
        assertThat(receiver.repeatFlags).containsExactly(false, true);
    }

    @Test
    void aMessageAlreadyMarkedStaysMarkedFromItsFirstAttempt() {
        Receiver receiver = new Receiver();

        ResilientChannel.Outcome outcome = resilient(receiver, 2).deliver(notification.asPossibleRepeat());

        assertThat(outcome.uncertain()).isTrue();
        assertThat(receiver.repeatFlags).containsExactly(true);
    }

    private static ResilientChannel resilient(NotificationChannel channel, int maxAttempts) {
        return new ResilientChannel(channel, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofSeconds(1));
    }

    /** Fails with the given failures in turn, then accepts; notes whether each attempt was marked. */
    private static final class Receiver implements NotificationChannel {

        private final Queue<DeliveryFailure> failures;
        final List<Boolean> repeatFlags = new ArrayList<>();

        Receiver(DeliveryFailure... failures) {
            this.failures = new LinkedList<>(List.of(failures));
        }

        @Override
        public String name() {
            return "receiver";
        }

        @Override
        public String type() {
            return "slack";
        }

        @Override
        public void send(Notification notification) {
            repeatFlags.add(notification.possibleRepeat());
            DeliveryFailure failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
