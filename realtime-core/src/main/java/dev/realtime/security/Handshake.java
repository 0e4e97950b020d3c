package dev.realtime.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

import dev.realtime.RealtimePrincipal;
import dev.realtime.metrics.RealtimeMetrics;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every transport does before it serves a request: authenticate it, and refuse it with a
 * plain HTTP status when it may not go on, before anything is upgraded or streamed.
 */
public final class Handshake {

	private Handshake() {
	}

	/**
	 * Runs {@code next} with the principal {@code authenticator} finds for {@code exchange}, or
	 * answers 401 when it finds none.
	 */
	public static Mono<Void> authenticate(RealtimeAuthenticator authenticator, ServerWebExchange exchange,
			RealtimeMetrics metrics, Function<RealtimePrincipal, Mono<Void>> next) {
		return authenticator.authenticate(exchange)
			.map(next)
			.defaultIfEmpty(Mono.defer(
					() -> reject(exchange, HttpStatus.UNAUTHORIZED, "authentication required", metrics)))
			.flatMap((then) -> then);
	}

	/**
	 * Answers {@code status} with {@code message} as a plain-text body, and reports the refusal
	 * with the status as its reason ({@code unauthorized}, {@code forbidden}, …).
	 */
	public static Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String message,
			RealtimeMetrics metrics) {
		metrics.handshakeRejected(status.name().toLowerCase(Locale.ROOT));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		byte[] body = message.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
