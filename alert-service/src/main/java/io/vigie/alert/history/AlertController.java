package io.vigie.alert.history;

import io.vigie.contracts.AlertRaised;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.UncheckedIOException;
import java.util.List;

/** The alert history: {@code GET /api/alerts?watch=&size=}, newest first. */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    static final int MAX_SIZE = 500;

    private final AlertRepository alerts;

    AlertController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    List<AlertRaised> list(@RequestParam(name = "watch", required = false) String watch,
                           @RequestParam(name = "size", defaultValue = "50") int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        return alerts.newest(watch == null || watch.isBlank() ? null : watch, size);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail openSearchUnavailable(UncheckedIOException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage() + "; check that OpenSearch is up (OPENSEARCH_URL)");
    }
}
