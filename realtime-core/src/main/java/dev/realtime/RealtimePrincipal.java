package dev.realtime;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is behind a connection, as established at the handshake.
 *
 * @param userId the user's id, {@code null} when anonymous
 * @param attributes what the authenticator wants to keep with the connection, on this node
 * @param info what others in the same rooms may see of the connection through presence (a
 * display name, say): small and JSON-writable, since it may travel to other nodes
 */
public record RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes, Map<String, Object> info) {

	private static final RealtimePrincipal ANONYMOUS = new RealtimePrincipal(null, Map.of(), Map.of());

	public RealtimePrincipal {
		attributes = Map.copyOf(attributes);
		info = Map.copyOf(info);
	}

	/** A principal with no presence info. */
	public RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes) {
		this(userId, attributes, Map.of());
	}

	public static RealtimePrincipal user(String userId) {
		return new RealtimePrincipal(userId, Map.of(), Map.of());
	}

	public static RealtimePrincipal anonymous() {
		return ANONYMOUS;
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}

	/** This principal with {@code info} for presence. */
	public RealtimePrincipal withInfo(Map<String, Object> info) {
		return new RealtimePrincipal(this.userId, this.attributes, info);
	}

}
