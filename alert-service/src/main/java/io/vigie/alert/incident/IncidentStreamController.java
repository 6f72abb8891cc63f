package io.vigie.alert.incident;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;

/**
 * {@code GET /api/alerts/stream}: every incident change as a Server-Sent Event, its name the change type
 * ({@code opened}, {@code escalated}, {@code acknowledged}, ...) and its data {@code {"type", "incident"}}, plus a
 * comment line every heartbeat while idle. A client reconnecting with {@code Last-Event-ID} gets the events it missed
 * if they are still in memory, else a {@code resync} event: reload {@code GET /api/alerts}.
 */
@RestController
@RequestMapping("/api/alerts")
class IncidentStreamController {

    private final IncidentFeed feed;
    private final IncidentProperties.Stream settings;

    IncidentStreamController(IncidentFeed feed, IncidentProperties properties) {
        this.feed = feed;
        this.settings = properties.stream();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        IncidentFeed.Subscription subscription = feed.subscribe(new EmitterSink(emitter), lastEventId);
        if (subscription == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many live clients ("
                    + settings.maxClients() + ", vigie.alert.incidents.stream.max-clients); close other tabs or retry later");
        }
        emitter.onCompletion(subscription::cancel);
        emitter.onTimeout(subscription::cancel);
        emitter.onError(error -> subscription.cancel());
        return emitter;
    }

    /** Writes to one SSE connection; called only from that client's sending thread. */
    private record EmitterSink(SseEmitter emitter) implements IncidentFeed.EventSink {

        @Override
        public void send(IncidentFeed.FeedEvent event) throws IOException {
            emitter.send(SseEmitter.event().id(event.id()).name(event.type()).data(event.data()));
        }

        @Override
        public void heartbeat() throws IOException {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        }

        @Override
        public void close() {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                // Already completed or its connection is gone: nothing left to close.
            }
        }
    }
}
