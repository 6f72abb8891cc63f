package io.vigie.ingest.watch;

import io.vigie.ingest.importer.ImportController;
import io.vigie.ingest.push.PushController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the ingest API's failures into {@link ApiError} bodies with the right status. */
@RestControllerAdvice(assignableTypes = {WatchController.class, PushController.class, ImportController.class})
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ApiError> invalid(InvalidWatchException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage(), e.field(), e.column()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> notFound(WatchNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> conflict(WatchConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unavailable(WatchStoreUnavailableException e) {
        log.warn("{}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return ResponseEntity.badRequest().body(ApiError.of("the body is not the JSON expected: "
                + (cause == null ? e.getMessage() : cause.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ApiError.of("content type "
                + e.getContentType() + " is not accepted here; use one of " + e.getSupportedMediaTypes()));
    }
}
