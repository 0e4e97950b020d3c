package dev.realtime.redis;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The names of what the engine keeps in Redis. A room's keys and channel share the hash tag
 * {@code {room}}, so that one script touches one slot, also in Redis Cluster, and a sharded
 * publication stays within the shard that owns the room.
 */
final class RedisKeys {

	private final String prefix;

	RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	/** The room's epoch and last offset: {@code {prefix}{room}:meta}. */
	byte[] meta(String room) {
		return key(room, ":meta");
	}

	/** The room's window of publications, a stream whose entry ids are the offsets. */
	byte[] stream(String room) {
		return key(room, ":stream");
	}

	/** The channel every node with members of the room listens to. */
	byte[] channel(String room) {
		return key(room, ":ch");
	}

	/** The room's presence: connection id to its info. */
	byte[] presence(String room) {
		return key(room, ":presence");
	}

	/** When each connection of the room's presence expires unless refreshed. */
	byte[] presenceExpiry(String room) {
		return key(room, ":presence:exp");
	}

	/**
	 * The notifications of the user whose personal room is {@code personalRoom}, a stream whose
	 * entry ids are the notifications' ids: beside the room's own keys, in its slot.
	 */
	byte[] inbox(String personalRoom) {
		return key(personalRoom, ":inbox");
	}

	/** The ids of the notifications of {@link #inbox} that the user read. */
	byte[] inboxRead(String personalRoom) {
		return key(personalRoom, ":inbox:read");
	}

	/** The room a channel belongs to, or {@code null} for another channel. */
	@Nullable String roomOf(byte[] channel) {
		String name = new String(channel, StandardCharsets.UTF_8);
		int open = this.prefix.length();
		if (!name.startsWith(this.prefix + "{") || !name.endsWith("}:ch")) {
			return null;
		}
		return name.substring(open + 1, name.length() - 4);
	}

	private byte[] key(String room, String suffix) {
		return (this.prefix + "{" + room + "}" + suffix).getBytes(StandardCharsets.UTF_8);
	}

}
