package io.vigie.ingest.watch;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

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
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return ResponseEntity.badRequest().body(new ApiError(mismatched(mismatch), path(mismatch), null));
            }
        }
        Throwable cause = e.getMostSpecificCause();
        return ResponseEntity.badRequest().body(ApiError.of("the body is not the JSON expected: "
                + (cause == null ? e.getMessage() : cause.getMessage())));
    }

    /** The field as the API documents it: {@code alerting.routes[0].minSeverity}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A value of the wrong kind: the accepted words of an enumeration, the format of a duration. */
    private static String mismatched(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        String value = e instanceof InvalidFormatException invalid && invalid.getValue() != null
                ? "'" + invalid.getValue() + "'" : "this value";
        if (type != null && type.isEnum()) {
            return value + " is not accepted here; use one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> jsonName((Enum<?>) constant)).collect(Collectors.joining(", "));
        }
        if (Duration.class.equals(type)) {
            return value + " is not a duration; write it in ISO-8601, e.g. PT5M or PT1H";
        }
        return "the body is not the JSON expected here: " + e.getOriginalMessage();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return name == null ? constant.name() : name.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ApiError.of("content type "
                + e.getContentType() + " is not accepted here; use one of " + e.getSupportedMediaTypes()));
    }
}
