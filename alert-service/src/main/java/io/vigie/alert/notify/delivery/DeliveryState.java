package io.vigie.alert.notify.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one delivery (an alert's status and severity, to one channel) stands. */
public enum DeliveryState {
    /** Waiting to be sent: due now, or at the end of quiet hours or at its digest time. */
    @JsonProperty("pending") PENDING,
    /** A worker is sending it, until its lease ends. */
    @JsonProperty("sending") SENDING,
    /** The receiver accepted it. Never sent again. */
    @JsonProperty("sent") SENT,
    /** Refused for good, or still failing after give-up-after: see the last error. */
    @JsonProperty("failed") FAILED,
    /** Not sent on purpose, e.g. an alert older than max-alert-age. */
    @JsonProperty("skipped") SKIPPED
}
