package io.vigie.sentiment.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.UncheckedIOException;

/** Errors of the search API as JSON problem details that say what was wrong. */
@RestControllerAdvice(assignableTypes = MentionSearchController.class)
public class SearchErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SearchErrorHandler.class);

    @ExceptionHandler(InvalidSearchParameterException.class)
    ProblemDetail badParameter(InvalidSearchParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid search parameter");
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail searchUnavailable(UncheckedIOException e) {
        log.warn("mention search failed: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "search is unavailable: OpenSearch did not answer; retry shortly");
        problem.setTitle("Search unavailable");
        return problem;
    }
}
