package dev.realtime.websocket;

import java.util.Base64;
import java.util.List;
import java.util.Set;

import dev.realtime.security.HandshakeRejectedException;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Checks what neither Spring nor Netty check in an upgrade request, before anything else is
 * done for it. Netty takes a request without {@code Sec-WebSocket-Version} for the draft of 2010
 * (hixie-76), fails it with an error logged whole and answers nothing, and speaks drafts 7 and 8
 * as well; it takes any {@code Sec-WebSocket-Key}. Here:
 * <ul>
 * <li>a version other than 13 (RFC 6455), or none, gets 426 with {@code Sec-WebSocket-Version:
 * 13}, as RFC 6455 section 4.4 asks;</li>
 * <li>a key that is not one 16-byte value in base64 gets 400;</li>
 * <li>a method other than GET gets 405 with {@code Allow: GET}, and a request whose
 * {@code Upgrade} is not {@code websocket} or whose {@code Connection} does not say
 * {@code Upgrade} gets 400, as Spring's handshake service answers them.</li>
 * </ul>
 * Each refusal costs one DEBUG line, however many a client sends.
 */
final class UpgradeRequestValidator {

	private static final Logger logger = LoggerFactory.getLogger(UpgradeRequestValidator.class);

	private static final String VERSION = "13";

	private static final int KEY_BYTES = 16;

	private final LimitCounters counters;

	UpgradeRequestValidator(LimitCounters counters) {
		this.counters = counters;
	}

	/**
	 * Completes empty for a request that is a WebSocket handshake of RFC 6455, or fails with a
	 * {@link HandshakeRejectedException} that says which status to answer.
	 */
	Mono<Void> validate(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		List<String> versions = headers.getOrEmpty("Sec-WebSocket-Version");
		if (versions.size() != 1 || !VERSION.equals(versions.get(0).trim())) {
			return refuse(request, unsupportedVersion(), "unsupported version " + versions);
		}
		if (!isKey(headers.getOrEmpty("Sec-WebSocket-Key"))) {
			return refuse(request, new HandshakeRejectedException(HttpStatus.BAD_REQUEST, "invalid Sec-WebSocket-Key"),
					"invalid key");
		}
		if (request.getMethod() != HttpMethod.GET) {
			return refuse(request, methodNotAllowed(), "method " + request.getMethod());
		}
		if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
			return refuse(request, new HandshakeRejectedException(HttpStatus.BAD_REQUEST, "invalid Upgrade header"),
					"Upgrade " + headers.getUpgrade());
		}
		if (headers.getConnection().stream().noneMatch("upgrade"::equalsIgnoreCase)) {
			return refuse(request, new HandshakeRejectedException(HttpStatus.BAD_REQUEST, "invalid Connection header"),
					"Connection " + headers.getConnection());
		}
		return Mono.empty();
	}

	private Mono<Void> refuse(ServerHttpRequest request, HandshakeRejectedException rejection, String why) {
		this.counters.increment(LimitEvent.HANDSHAKE_INVALID);
		logger.debug("Refused a WebSocket handshake from {}: {}", request.getRemoteAddress(), why);
		return Mono.error(rejection);
	}

	private static boolean isKey(List<String> keys) {
		if (keys.size() != 1) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(keys.get(0).trim()).length == KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** 405 Method Not Allowed, naming the one method allowed. */
	private static HandshakeRejectedException methodNotAllowed() {
		HttpHeaders headers = new HttpHeaders();
		headers.setAllow(Set.of(HttpMethod.GET));
		return new RefusalWithHeaders(HttpStatus.METHOD_NOT_ALLOWED, "a WebSocket handshake is a GET", headers);
	}

	/** 426 Upgrade Required, naming the protocol and the only version spoken here. */
	private static HandshakeRejectedException unsupportedVersion() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.UPGRADE, "websocket");
		headers.set("Sec-WebSocket-Version", VERSION);
		return new RefusalWithHeaders(HttpStatus.UPGRADE_REQUIRED, "Sec-WebSocket-Version 13 required", headers);
	}

	/** A refusal whose answer carries headers of its own. */
	private static final class RefusalWithHeaders extends HandshakeRejectedException {

		private final HttpHeaders headers;

		RefusalWithHeaders(HttpStatus status, String reason, HttpHeaders headers) {
			super(status, reason);
			this.headers = headers;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
