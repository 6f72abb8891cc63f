package io.vigie.alert.window;

import java.util.List;

/**
 * Signals of one watch whose mentions were published in the same slice of time (a slice that lies inside one window
 * of every configured size), read close together from the input: what the repartition by watch carries, so a watch's
 * window is read and written once per batch rather than once per mention.
 *
 * @param signals the signals, in the order their mentions were read
 */
public record SignalBatch(List<MentionSignal> signals) {

    public SignalBatch {
        signals = signals == null ? List.of() : List.copyOf(signals);
    }

    public static SignalBatch of(MentionSignal signal) {
        return new SignalBatch(List.of(signal));
    }

    public int size() {
        return signals.size();
    }
}
