package dev.realtime.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.realtime.metrics.RealtimeMetrics;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * How every transport refuses a request before anything is upgraded or streamed: a plain HTTP
 * status with a short text body, reported to metrics with the status as its reason
 * ({@code unauthorized}, {@code forbidden}, {@code too_many_requests}, …).
 */
public final class Handshake {

	private Handshake() {
	}

	/** Answers the status, headers and reason of {@code rejection}. */
	public static Mono<Void> reject(ServerWebExchange exchange, ResponseStatusException rejection,
			RealtimeMetrics metrics) {
		exchange.getResponse().getHeaders().addAll(rejection.getHeaders());
		String reason = rejection.getReason();
		return reject(exchange, rejection.getStatusCode(), (reason != null) ? reason : "refused", metrics);
	}

	/** Answers {@code status} with {@code message} as a plain-text body. */
	public static Mono<Void> reject(ServerWebExchange exchange, HttpStatusCode status, String message,
			RealtimeMetrics metrics) {
		HttpStatus resolved = HttpStatus.resolve(status.value());
		metrics.handshakeRejected(
				(resolved != null) ? resolved.name().toLowerCase(Locale.ROOT) : String.valueOf(status.value()));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		byte[] body = message.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
