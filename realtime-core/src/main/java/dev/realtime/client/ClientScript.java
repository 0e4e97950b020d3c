package dev.realtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the JavaScript client, an ES module kept in this jar at {@value #LOCATION}.
 * <ul>
 * <li>{@code Content-Type: text/javascript}: browsers refuse to run a module served as anything
 * else.</li>
 * <li>{@code Cache-Control: no-cache} with an {@code ETag}: the URL carries no version, so
 * browsers revalidate each time and get a bodiless 304 until the starter is upgraded.</li>
 * </ul>
 */
public final class ClientScript implements HandlerFunction<ServerResponse> {

	/** Where the script lives on the classpath. */
	public static final String LOCATION = "META-INF/realtime/client.js";

	private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	private final byte[] script;

	private final String etag;

	public ClientScript() {
		this(new ClassPathResource(LOCATION, ClientScript.class.getClassLoader()));
	}

	ClientScript(Resource resource) {
		try (InputStream input = resource.getInputStream()) {
			this.script = input.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the JavaScript client from " + resource, ex);
		}
		this.etag = "\"" + DigestUtils.md5DigestAsHex(this.script) + "\"";
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		return request.checkNotModified(this.etag)
			.switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
				.contentType(JAVASCRIPT)
				.eTag(this.etag)
				.cacheControl(CacheControl.noCache())
				.bodyValue(this.script)));
	}

}
