package dev.realtime.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.security.LimitEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads client frames and writes server frames of the JSON protocol.
 * <p>
 * A publication's {@code message} frame is built around the event's JSON, which the publishing
 * node wrote once: the frame's own fields are written in front of it, and {@code data} is
 * neither parsed nor written again. Replies and errors, which go to one connection, are written
 * as strings. Client frames are parsed under stricter limits than
 * the application's own JSON: nesting depth, number and string lengths.
 */
public final class ProtocolCodec {

	/** Nesting depth of client frames when none is given: the protocol needs 2, data a few more. */
	public static final int DEFAULT_MAX_DEPTH = 32;

	private static final byte[] MESSAGE_START = ascii("{\"type\":\"message\",");

	private static final byte[] ROOM = ascii("\"room\":");

	private static final byte[] OFFSET = ascii(",\"offset\":");

	private static final byte[] EPOCH = ascii(",\"epoch\":");

	/** Longest number in a client frame, in characters: no real number needs more. */
	private static final int MAX_NUMBER_LENGTH = 100;

	private final JsonMapper mapper;

	private final JsonMapper reader;

	public ProtocolCodec(JsonMapper mapper) {
		this(mapper, DEFAULT_MAX_DEPTH);
	}

	/**
	 * @param mapper the application's mapper, which writes every frame
	 * @param maxDepth deepest nesting of objects and arrays a client frame may have
	 */
	public ProtocolCodec(JsonMapper mapper, int maxDepth) {
		this.mapper = mapper;
		// Same token factory as the application's (its read features), tighter read constraints.
		JsonFactory factory = ((JsonFactory) mapper.tokenStreamFactory()).rebuild()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(maxDepth)
				.maxNumberLength(MAX_NUMBER_LENGTH)
				.build())
			.build();
		this.reader = JsonMapper.builder(factory).build();
	}

	/**
	 * The {@code message} frame of {@code publication}:
	 * {@code {"type":"message","room":…,"offset":…,"epoch":…,} + the event's members}, or
	 * without room, offset and epoch outside a room's stream.
	 */
	public byte[] message(Publication publication) {
		byte[] event = publication.event().json();
		ByteArrayOutputStream frame = new ByteArrayOutputStream(event.length + 64);
		frame.writeBytes(MESSAGE_START);
		String room = publication.room();
		if (publication.inStream() && room != null) {
			frame.writeBytes(ROOM);
			writeString(frame, room);
			frame.writeBytes(OFFSET);
			frame.writeBytes(Long.toString(publication.offset()).getBytes(StandardCharsets.US_ASCII));
			frame.writeBytes(EPOCH);
			writeString(frame, publication.epoch());
			frame.write(',');
		}
		// The event's object without its opening brace: its members, then its closing brace.
		frame.write(event, 1, event.length - 1);
		return frame.toByteArray();
	}

	/** The {@code join} frame telling a room's members that {@code client} joined {@code room}. */
	public byte[] join(String room, ClientInfo client) {
		return this.mapper.writeValueAsBytes(new PresenceFrame("join", room, client.userId(),
				client.info().isEmpty() ? null : client.info()));
	}

	/** The {@code leave} frame telling a room's members that {@code client} left {@code room}. */
	public byte[] leave(String room, ClientInfo client) {
		return this.mapper.writeValueAsBytes(new PresenceFrame("leave", room, client.userId(),
				client.info().isEmpty() ? null : client.info()));
	}

	/**
	 * The {@code resync} frame telling a member of {@code room} that publications were lost and
	 * the stream goes on from {@code position}: the client must reload the room's state.
	 */
	public byte[] resync(String room, StreamPosition position) {
		return this.mapper.writeValueAsBytes(new ResyncFrame("resync", room, position.offset(), position.epoch()));
	}

	/** The data of a stream's {@code close} event: its code and reason, as JSON. */
	public String close(int code, String reason) {
		return write(new CloseEvent(code, reason));
	}

	private static void writeString(ByteArrayOutputStream frame, String value) {
		frame.write('"');
		frame.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
		frame.write('"');
	}

	/**
	 * Parses a client frame.
	 * @throws ProtocolException with {@link ErrorCode#BAD_REQUEST} when it is not a JSON object,
	 * or breaks a limit ({@link LimitEvent#JSON_TOO_COMPLEX})
	 */
	public JsonNode read(byte[] payload) {
		JsonNode node;
		try {
			node = this.reader.readTree(payload);
		}
		catch (StreamConstraintsException ex) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "JSON too complex: " + ex.getOriginalMessage(),
					LimitEvent.JSON_TOO_COMPLEX);
		}
		catch (JacksonException ex) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "malformed JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "a frame must be a JSON object");
		}
		return node;
	}

	/** A successful {@code reply} to the frame {@code ref}. */
	public String reply(@Nullable JsonNode ref, @Nullable Object result) {
		return write(new ReplyFrame("reply", ref, true, result));
	}

	/** An {@code error} frame answering the frame {@code ref}. */
	public String error(@Nullable JsonNode ref, ErrorCode code, String message) {
		return error(ref, code.code(), message);
	}

	/** An {@code error} frame of the application's own {@code code} answering the frame {@code ref}. */
	public String error(@Nullable JsonNode ref, String code, String message) {
		return write(new ErrorFrame("error", ref, code, message));
	}

	/** The {@code session} frame telling a client when its credentials expire. */
	public String session(Instant expiresAt) {
		return write(new SessionFrame("session", expiresAt.toEpochMilli()));
	}

	/** The {@code pong} answering a client {@code ping}. */
	public String pong(@Nullable JsonNode ref) {
		return write(new PongFrame("pong", ref));
	}

	/** {@code value} as JSON bytes, written by the application's mapper. */
	public byte[] toJson(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private String write(Object frame) {
		return this.mapper.writeValueAsString(frame);
	}

	record SessionFrame(String type, long expires) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "room", "user", "info" })
	record PresenceFrame(String type, String room, @Nullable String user, @Nullable Object info) {
	}

	@JsonPropertyOrder({ "type", "room", "offset", "epoch" })
	record ResyncFrame(String type, String room, long offset, String epoch) {
	}

	@JsonPropertyOrder({ "code", "reason" })
	record CloseEvent(int code, String reason) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "ref" })
	record PongFrame(String type, @Nullable JsonNode ref) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "ref", "ok", "result" })
	record ReplyFrame(String type, @Nullable JsonNode ref, boolean ok, @Nullable Object result) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "ref", "code", "message" })
	record ErrorFrame(String type, @Nullable JsonNode ref, String code, String message) {
	}

}
