package dev.realtime.security;

import java.security.Principal;
import java.util.Map;
import java.util.function.Function;

import dev.realtime.RealtimePrincipal;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Maps Spring Security's principal to a {@link RealtimePrincipal}. Spring Security sets an
 * anonymous token (named {@code anonymousUser}) on requests nobody logged in to: that one, and
 * any authentication not marked authenticated, is not a user, lest every anonymous client share
 * one user id and its personal room. The {@link Authentication} is kept as the attribute
 * {@value #ATTRIBUTE}, so that a {@link RoomAuthorizer} can read its authorities.
 */
public final class SpringSecurityPrincipals implements Function<Principal, Mono<RealtimePrincipal>> {

	/** Attribute of the principal holding Spring Security's {@link Authentication}. */
	public static final String ATTRIBUTE = "authentication";

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	public Mono<RealtimePrincipal> apply(Principal principal) {
		if (!(principal instanceof Authentication authentication)) {
			return HandshakeAuthenticator.byName(principal);
		}
		if (!this.trustResolver.isAuthenticated(authentication)) {
			return Mono.empty();
		}
		return Mono.just(new RealtimePrincipal(authentication.getName(), Map.of(ATTRIBUTE, authentication)));
	}

}
