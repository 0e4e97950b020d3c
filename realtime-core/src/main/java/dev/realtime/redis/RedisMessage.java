package dev.realtime.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What travels on a room's channel: a publication ({@code p\n offset \n epoch \n payload}, the
 * offset and epoch written by the publish script), or a join or leave ({@code j\n} or
 * {@code l\n} and the client's info as JSON).
 *
 * @param publication the publication, or {@code null}
 * @param join who joined, or {@code null}
 * @param leave who left, or {@code null}
 */
record RedisMessage(@Nullable Publication publication, @Nullable ClientInfo join, @Nullable ClientInfo leave) {

	private static final JsonMapper mapper = JsonMapper.shared();

	static RedisMessage parse(String room, byte[] message) {
		RedisPayload.Reader reader = new RedisPayload.Reader(message, 0);
		String kind = reader.line();
		switch (kind) {
			case "p" -> {
				long offset = reader.number();
				String epoch = reader.line();
				return new RedisMessage(
						new Publication(room, offset, epoch, RedisPayload.decode(message, reader.position())), null,
						null);
			}
			case "j" -> {
				return new RedisMessage(null, client(message, reader.position()), null);
			}
			case "l" -> {
				return new RedisMessage(null, null, client(message, reader.position()));
			}
			default -> throw new IllegalArgumentException("Unknown message kind '" + kind + "'");
		}
	}

	static byte[] publication(byte[] payload) {
		return concat("p\n0\n\n", payload);
	}

	static byte[] join(ClientInfo client) {
		return concat("j\n", json(client));
	}

	static byte[] leave(ClientInfo client) {
		return concat("l\n", json(client));
	}

	/** {@code client} as JSON: what a node writes in presence and in join and leave. */
	static byte[] json(ClientInfo client) {
		return mapper.writeValueAsBytes(client);
	}

	@SuppressWarnings("unchecked")
	static ClientInfo client(byte[] json, int offset) {
		JsonNode node = mapper.readTree(new String(json, offset, json.length - offset, StandardCharsets.UTF_8));
		String userId = node.path("userId").isString() ? node.path("userId").asString() : null;
		Map<String, Object> info = node.has("info") ? mapper.convertValue(node.get("info"), Map.class) : Map.of();
		return new ClientInfo(node.path("connectionId").asString(), userId, info);
	}

	private static byte[] concat(String head, byte[] tail) {
		byte[] start = head.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[start.length + tail.length];
		System.arraycopy(start, 0, all, 0, start.length);
		System.arraycopy(tail, 0, all, start.length, tail.length);
		return all;
	}

}
