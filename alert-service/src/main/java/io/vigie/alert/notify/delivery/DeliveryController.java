package io.vigie.alert.notify.delivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.UncheckedIOException;
import java.util.List;

/** The delivery log: {@code GET /api/alerts/deliveries?alertId=&size=}, newest first. */
@RestController
class DeliveryController {

    static final int MAX_SIZE = 500;

    private final DeliveryRepository deliveries;

    DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/alerts/deliveries")
    List<DeliveryView> list(@RequestParam(name = "alertId", required = false) String alertId,
                            @RequestParam(name = "size", defaultValue = "100") int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        return deliveries.find(alertId == null || alertId.isBlank() ? null : alertId, size).stream()
                .map(DeliveryView::of).toList();
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail openSearchUnavailable(UncheckedIOException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage() + "; check that OpenSearch is up (OPENSEARCH_URL)");
    }
}
