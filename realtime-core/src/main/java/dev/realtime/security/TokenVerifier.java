package dev.realtime.security;

import dev.realtime.RealtimePrincipal;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer token, taken from the handshake's {@code Authorization: Bearer} header or its
 * {@code ?token=} parameter, into the principal it stands for. Declare one as a bean to accept
 * tokens of your own kind; an application with a {@code ReactiveJwtDecoder} gets one that
 * verifies JWTs.
 */
@FunctionalInterface
public interface TokenVerifier {

	/**
	 * The principal of {@code token}.
	 * <ul>
	 * <li>empty: the token is invalid or expired, and the handshake is refused with HTTP 401;</li>
	 * <li>an error: the verifier itself failed (its key server is down, say), and the handshake
	 * fails with HTTP 500.</li>
	 * </ul>
	 */
	Mono<RealtimePrincipal> verify(String token);

}
