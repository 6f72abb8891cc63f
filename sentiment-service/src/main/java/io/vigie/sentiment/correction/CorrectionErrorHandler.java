package io.vigie.sentiment.correction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.UncheckedIOException;

/** Errors of the corrections API as JSON problem details that say what was wrong and what to do. */
@RestControllerAdvice(assignableTypes = CorrectionController.class)
public class CorrectionErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(CorrectionErrorHandler.class);

    @ExceptionHandler(InvalidCorrectionException.class)
    ProblemDetail invalid(InvalidCorrectionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid correction");
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body must be a JSON object such as {\"label\": \"negative\", \"note\": \"why\"}");
        problem.setTitle("Invalid correction");
        return problem;
    }

    @ExceptionHandler(MentionNotFoundException.class)
    ProblemDetail notFound(MentionNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Mention not found");
        return problem;
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail unavailable(UncheckedIOException e) {
        log.warn("correction failed: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "corrections are unavailable: OpenSearch did not answer; retry shortly");
        problem.setTitle("Corrections unavailable");
        return problem;
    }
}
