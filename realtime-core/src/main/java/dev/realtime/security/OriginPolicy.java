package dev.realtime.security;

import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;

/**
 * Which web pages may open a connection, by their {@code Origin}: a defence against cross-site
 * WebSocket hijacking, where a page on another site opens a connection that the browser
 * authenticates with the user's cookies.
 * <ul>
 * <li>a request without {@code Origin} is not from a browser page, and is let through: origin
 * checks protect browsers, other clients can send any header;</li>
 * <li>a page of the server's own origin (scheme, host and port of the request) always may;</li>
 * <li>others may when they match one of the patterns, as Spring's CORS
 * {@code allowedOriginPatterns} read them: {@code https://*.example.com},
 * {@code http://localhost:[*]}, or {@code *} for every origin.</li>
 * </ul>
 * Behind a proxy, the request's own origin is right only when forwarded headers are applied
 * ({@code server.forward-headers-strategy}).
 */
public final class OriginPolicy {

	private final CorsConfiguration allowed = new CorsConfiguration();

	private final boolean anyOrigin;

	public OriginPolicy(List<String> allowedOriginPatterns) {
		this.allowed.setAllowedOriginPatterns(allowedOriginPatterns);
		this.anyOrigin = allowedOriginPatterns.contains(CorsConfiguration.ALL);
	}

	/** Whether {@code request} may open a connection. */
	public boolean allows(ServerHttpRequest request) {
		if (this.anyOrigin || !CorsUtils.isCorsRequest(request)) {
			return true;
		}
		return this.allowed.checkOrigin(request.getHeaders().getOrigin()) != null;
	}

}
