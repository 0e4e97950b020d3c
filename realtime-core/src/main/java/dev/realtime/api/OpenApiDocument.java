package dev.realtime.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the OpenAPI 3 description of the server API, a hand-written resource, with its server
 * URL set to where the API is mapped: the request's base path and the configured path.
 */
final class OpenApiDocument implements HandlerFunction<ServerResponse> {

	static final String RESOURCE = "/META-INF/realtime/openapi.json";

	private final ObjectNode document;

	private final String path;

	OpenApiDocument(String path) {
		this.document = read();
		this.path = path;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		ObjectNode document = this.document.deepCopy();
		document.putArray("servers")
			.addObject()
			.put("url", request.requestPath().contextPath().value() + this.path);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noCache())
			.bodyValue(JsonMapper.shared().writeValueAsBytes(document));
	}

	private static ObjectNode read() {
		try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("No " + RESOURCE + " on the class path");
			}
			return (ObjectNode) JsonMapper.shared().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
