package dev.realtime;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is behind a connection, as established at the handshake.
 *
 * @param userId the user's id, {@code null} when anonymous
 * @param attributes what the authenticator wants to keep with the connection, on this node
 * @param info what others in the same rooms may see of the connection through presence (a
 * display name, say): small and JSON-writable, since it may travel to other nodes
 * @param expiresAt when the credentials expire (a JWT's {@code exp}): the connection is closed
 * with {@link CloseCodes#CREDENTIALS_EXPIRED} then, unless the client has refreshed them;
 * {@code null} for never
 */
public record RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes, Map<String, Object> info,
		@Nullable Instant expiresAt) {

	private static final RealtimePrincipal ANONYMOUS = new RealtimePrincipal(null, Map.of(), Map.of(), null);

	public RealtimePrincipal {
		attributes = Map.copyOf(attributes);
		info = Map.copyOf(info);
	}

	/** A principal whose credentials do not expire. */
	public RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes, Map<String, Object> info) {
		this(userId, attributes, info, null);
	}

	/** A principal with no presence info, whose credentials do not expire. */
	public RealtimePrincipal(@Nullable String userId, Map<String, Object> attributes) {
		this(userId, attributes, Map.of(), null);
	}

	public static RealtimePrincipal user(String userId) {
		return new RealtimePrincipal(userId, Map.of(), Map.of(), null);
	}

	public static RealtimePrincipal anonymous() {
		return ANONYMOUS;
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}

	/** This principal with {@code info} for presence. */
	public RealtimePrincipal withInfo(Map<String, Object> info) {
		return new RealtimePrincipal(this.userId, this.attributes, info, this.expiresAt);
	}

	/** This principal with credentials expiring at {@code expiresAt}, {@code null} for never. */
	public RealtimePrincipal withExpiry(@Nullable Instant expiresAt) {
		return new RealtimePrincipal(this.userId, this.attributes, this.info, expiresAt);
	}

}
