package dev.realtime;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is behind a connection, as established at the handshake.
 *
 * @param userId the user's id, {@code null} when anonymous
 * @param attributes what the authenticator wants to keep with the connection
 */
public record RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes) {

	private static final RealtimePrincipal ANONYMOUS = new RealtimePrincipal(null, Map.of());

	public RealtimePrincipal {
		attributes = Map.copyOf(attributes);
	}

	public static RealtimePrincipal user(String userId) {
		return new RealtimePrincipal(userId, Map.of());
	}

	public static RealtimePrincipal anonymous() {
		return ANONYMOUS;
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}

}
