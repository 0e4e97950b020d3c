package dev.realtime.security;

import java.util.Map;

import dev.realtime.RealtimePrincipal;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenVerifier} of JWTs, by the application's {@link ReactiveJwtDecoder}: its
 * signature, expiry and whatever else the decoder validates. The user id is a claim ({@code sub}
 * by default); the decoded {@link Jwt} is kept as the attribute {@value #ATTRIBUTE}, and its
 * {@code exp} is when the connection's credentials expire.
 */
public final class JwtTokenVerifier implements TokenVerifier {

	/** Attribute of the principal holding the decoded {@link Jwt}. */
	public static final String ATTRIBUTE = "jwt";

	private final ReactiveJwtDecoder decoder;

	private final String userIdClaim;

	public JwtTokenVerifier(ReactiveJwtDecoder decoder, String userIdClaim) {
		this.decoder = decoder;
		this.userIdClaim = userIdClaim;
	}

	@Override
	public Mono<RealtimePrincipal> verify(String token) {
		// A bad or expired token is the client's fault (401); any other failure is the server's.
		return this.decoder.decode(token)
			.onErrorResume(BadJwtException.class, (ex) -> Mono.empty())
			.flatMap((jwt) -> {
				String userId = jwt.getClaimAsString(this.userIdClaim);
				return (userId != null && !userId.isBlank())
						? Mono.just(new RealtimePrincipal(userId, Map.of(ATTRIBUTE, jwt)).withExpiry(jwt.getExpiresAt())) : Mono.empty();
			});
	}

}
