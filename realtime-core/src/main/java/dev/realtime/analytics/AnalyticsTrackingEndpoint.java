package dev.realtime.analytics;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Map;

import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.security.ClientAddressLimits;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes analytics events over HTTP: {@code POST} with a JSON body
 * <pre>{@code
 * {"type": "page_view", "user": "alice", "session": "s-42", "properties": {"path": "/pricing"}}
 * }</pre>
 * where {@code type} is required, {@code user} and {@code session} are optional, and
 * {@code properties}, when present, must be an object; it is accepted and not kept (only the
 * counts are). Any content type is read as JSON, so that {@code navigator.sendBeacon} can send
 * a plain string. Answers:
 * <ul>
 * <li>202: counted;</li>
 * <li>400 {@code bad_request}: not JSON, not an object, a missing or invalid type, an invalid
 * user or session;</li>
 * <li>413 {@code too_large}: a body over the limit, refused from its {@code Content-Length} when
 * it has one, else once it has arrived (up to 64 KB past the limit, else the connection is
 * dropped);</li>
 * <li>429 {@code rate_limited} with {@code Retry-After}: the client address sent too many
 * lately;</li>
 * <li>503 {@code unavailable}: the store cannot count it now (Redis unreachable).</li>
 * </ul>
 * Errors have a body of {@code {"error": code, "message": text}}.
 */
public final class AnalyticsTrackingEndpoint implements HandlerFunction<ServerResponse> {

	/** Bytes past the limit read and dropped before the answer; past them, the connection is dropped. */
	private static final int DISCARD_LIMIT = 64 * 1024;

	/** Seconds a client refused for its rate should wait, as for a refused handshake. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final LiveAnalytics analytics;

	private final JsonMapper mapper;

	private final int maxBodyBytes;

	private final ClientAddressLimits addressLimits;

	private final LimitCounters counters;

	/**
	 * @param analytics where events are counted
	 * @param mapper reads the bodies
	 * @param maxBodyBytes the largest body taken
	 * @param addressLimits the rate of events allowed per client address
	 * @param counters where bodies refused for their size are counted
	 */
	public AnalyticsTrackingEndpoint(LiveAnalytics analytics, JsonMapper mapper, int maxBodyBytes,
			ClientAddressLimits addressLimits, LimitCounters counters) {
		this.analytics = analytics;
		this.mapper = mapper;
		this.maxBodyBytes = maxBodyBytes;
		this.addressLimits = addressLimits;
		this.counters = counters;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		InetSocketAddress address = request.remoteAddress().orElse(null);
		if (!this.addressLimits.tryAdmit(address)) {
			return read(request).onErrorComplete(DataBufferLimitException.class)
				.then(error(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "too many events from this address"));
		}
		if (request.headers().contentLength().orElse(0) > this.maxBodyBytes) {
			return tooLarge();
		}
		return read(request).flatMap((body) -> {
			AnalyticsEvent event;
			try {
				event = event(body);
			}
			catch (BadEventException ex) {
				return error(HttpStatus.BAD_REQUEST, "bad_request", ex.getMessage());
			}
			return this.analytics.track(event).then(ServerResponse.accepted().build());
		})
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge())
			.onErrorResume(BrokerUnavailableException.class,
					(ex) -> error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "analytics are unavailable now"));
	}

	/**
	 * The body, or {@link DataBufferLimitException} when it is larger than the limit. What comes
	 * past the limit is read and dropped, up to {@value #DISCARD_LIMIT} bytes more, so that the
	 * answer reaches the client: closing a connection with unread bytes resets it, response
	 * included. Past that, the connection is dropped.
	 */
	private Mono<byte[]> read(ServerRequest request) {
		return request.body(BodyExtractors.toDataBuffers())
			.reduce(new BoundedBody(this.maxBodyBytes), BoundedBody::add)
			.map(BoundedBody::bytes)
			.defaultIfEmpty(new byte[0]);
	}

	private AnalyticsEvent event(byte[] body) {
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new BadEventException("the body is not JSON");
		}
		if (json == null || !json.isObject()) {
			throw new BadEventException("the body must be a JSON object");
		}
		JsonNode properties = json.get("properties");
		if (properties != null && !properties.isObject() && !properties.isNull()) {
			throw new BadEventException("properties must be an object");
		}
		try {
			return new AnalyticsEvent(text(json, "type"), text(json, "user"), text(json, "session"));
		}
		catch (IllegalArgumentException ex) {
			throw new BadEventException(ex.getMessage());
		}
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new BadEventException(field + " must be a string");
		}
		return value.asString();
	}

	private Mono<ServerResponse> tooLarge() {
		this.counters.increment(LimitEvent.ANALYTICS_TOO_LARGE);
		return error(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", "the body is larger than " + this.maxBodyBytes + " bytes");
	}

	private static Mono<ServerResponse> error(HttpStatus status, String code, @Nullable String message) {
		ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return response.bodyValue(Map.of("error", code, "message", String.valueOf(message)));
	}

	/** A body read up to the limit, its buffers released as they come. */
	private static final class BoundedBody {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private long size;

		BoundedBody(int limit) {
			this.limit = limit;
		}

		BoundedBody add(DataBuffer buffer) {
			try {
				int count = buffer.readableByteCount();
				this.size += count;
				if (this.size <= this.limit) {
					byte[] chunk = new byte[count];
					buffer.read(chunk);
					this.bytes.write(chunk, 0, count);
				}
				else if (this.size > (long) this.limit + DISCARD_LIMIT) {
					throw new DataBufferLimitException("more than " + DISCARD_LIMIT + " bytes past the limit");
				}
				return this;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		byte[] bytes() {
			if (this.size > this.limit) {
				throw new DataBufferLimitException("larger than " + this.limit + " bytes");
			}
			return this.bytes.toByteArray();
		}

	}

	/** A body that is no valid event; thrown per bad request, so it records no stack trace. */
	private static final class BadEventException extends RuntimeException {

		BadEventException(String message) {
			super(message, null, false, false);
		}

	}

}
