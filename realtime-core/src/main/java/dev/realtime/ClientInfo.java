package dev.realtime;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is in a room, as presence reports it: one entry per connection.
 *
 * @param connectionId the connection's id
 * @param userId the user's id, {@code null} for an anonymous connection
 * @param info what the authenticator chose to show others (a display name, an avatar), from
 * {@link RealtimePrincipal#info()}; written as JSON
 */
public record ClientInfo(String connectionId, @Nullable String userId, Map<String, Object> info) {

	public ClientInfo {
		info = Map.copyOf(info);
	}

}
