package dev.realtime.security;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A handshake refused before any upgrade or stream starts, with the HTTP status to answer.
 * Refusals of full nodes and users (503, 429) carry {@code Retry-After}. Thrown on every refused
 * handshake, so it records no stack trace.
 */
public class HandshakeRejectedException extends ResponseStatusException {

	/** Seconds a client refused for capacity should wait before it tries again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final Duration retryAfter;

	public HandshakeRejectedException(HttpStatus status, String reason) {
		this(status, reason, RETRY_AFTER);
	}

	/** A refusal whose {@code Retry-After}, if its status has one, is {@code retryAfter}. */
	public HandshakeRejectedException(HttpStatus status, String reason, Duration retryAfter) {
		super(status, reason);
		this.retryAfter = retryAfter;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpStatus status = HttpStatus.resolve(getStatusCode().value());
		if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter.toSeconds()));
			return headers;
		}
		return HttpHeaders.EMPTY;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
