package io.vigie.gateway.error;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns "the backend behind this route cannot be reached" into a 503 {@code application/problem+json}
 * that names the service and the setting that points at it, instead of Boot's bare 500.
 * Runs before Boot's default handler (order -1), which still renders every other error.
 */
@Component
@Order(-2)
public class BackendUnavailableHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BackendUnavailableHandler.class);

    private final JsonMapper jsonMapper;

    public BackendUnavailableHandler(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ServerHttpResponse response = exchange.getResponse();
        if (route == null || !isUnreachable(ex) || response.isCommitted()) {
            return Mono.error(ex);
        }
        Map<String, Object> metadata = route.getMetadata();
        String service = String.valueOf(metadata.getOrDefault("service", route.getId()));
        String urlSetting = String.valueOf(metadata.getOrDefault("url-setting", "its URL setting"));
        // The backend address goes to the log for the operator, not to API clients.
        log.warn("{} unreachable at {} for {} {}: {}", service, route.getUri(),
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString());

        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unreachable: start it (or check " + urlSetting + " on the gateway), then retry.");
        problem.setTitle("Backend unavailable");
        problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
        problem.setProperty("service", service);

        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static boolean isUnreachable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            // ConnectException also covers Netty's connect timeout; UnknownHostException is a mistyped *_URL host.
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
