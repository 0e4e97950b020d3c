package dev.realtime.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.protocol.ProtocolCodec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A request the server API refuses: the status to answer, headers that go with it, and the
 * body's error code and message, which name the problem.
 */
final class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final HttpHeaders headers = new HttpHeaders();

	ApiException(HttpStatus status, String error, String message) {
		super(message, null, false, false);
		this.status = status;
		this.error = error;
	}

	static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
	}

	/** This refusal, answered with the header {@code name} too. */
	ApiException withHeader(String name, String value) {
		this.headers.set(name, value);
		return this;
	}

	HttpStatus status() {
		return this.status;
	}

	/** The answer: {@code {"error": code, "message": …}}, written by the application's mapper. */
	Mono<ServerResponse> response(ProtocolCodec codec) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", this.error);
		body.put("message", getMessage());
		return ServerResponse.status(this.status)
			.headers((headers) -> headers.addAll(this.headers))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(codec.toJson(body));
	}

}
