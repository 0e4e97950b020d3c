package dev.realtime.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.realtime.protocol.ProtocolCodec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Lets through only the requests that carry the API key, in {@code X-API-Key} or as
 * {@code Authorization: apikey <key>}; the others get 401. The key is compared in constant time,
 * so the time of a refusal tells nothing of how much of a guess was right.
 */
final class ApiKeyFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	static final String HEADER = "X-API-Key";

	private static final String SCHEME = "apikey ";

	private final byte[] key;

	private final ProtocolCodec codec;

	ApiKeyFilter(String key, ProtocolCodec codec) {
		this.key = key.getBytes(StandardCharsets.UTF_8);
		this.codec = codec;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		String given = given(request.headers());
		// The given bytes first: isEqual's time depends on the length of its first argument only.
		if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), this.key)) {
			return next.handle(request);
		}
		return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
				(given != null) ? "wrong API key" : "an API key is required: send it in " + HEADER)
			.withHeader(HttpHeaders.WWW_AUTHENTICATE, "apikey")
			.response(this.codec);
	}

	private static @Nullable String given(ServerRequest.Headers headers) {
		String key = headers.firstHeader(HEADER);
		if (key != null) {
			return key;
		}
		String authorization = headers.firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return authorization.substring(SCHEME.length()).trim();
		}
		return null;
	}

}
