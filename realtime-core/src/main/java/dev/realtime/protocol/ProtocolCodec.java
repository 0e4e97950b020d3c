package dev.realtime.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.hub.OutboundFrame;
import dev.realtime.security.LimitEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads client frames and writes server frames of the JSON protocol.
 * <p>
 * Publications are written straight to bytes, once per node; replies and errors, which go to
 * one connection, are written as strings. Client frames are parsed under stricter limits than
 * the application's own JSON: nesting depth, number and string lengths.
 */
public final class ProtocolCodec {

	/** Nesting depth of client frames when none is given: the protocol needs 2, data a few more. */
	public static final int DEFAULT_MAX_DEPTH = 32;

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

	/** The {@code message} frame of {@code publication}, ready for every receiver. */
	public OutboundFrame encode(Publication publication) {
		// Offsets start at 1: a publication without one is direct or a broadcast, in no room.
		boolean inRoom = publication.offset() > 0;
		Event event = publication.event();
		MessageFrame frame = new MessageFrame("message", inRoom ? publication.room() : null,
				inRoom ? publication.offset() : null, inRoom ? publication.epoch() : null, event.event(), event.data(),
				event.from(), event.ts());
		return OutboundFrame.of(this.mapper.writeValueAsBytes(frame), frame.room(), publication.offset(),
				frame.epoch(), publication.event().event());
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
		return write(new ErrorFrame("error", ref, code.code(), message));
	}

	/** The {@code pong} answering a client {@code ping}. */
	public String pong(@Nullable JsonNode ref) {
		return write(new PongFrame("pong", ref));
	}

	/** {@code value} as JSON bytes, written by the application's mapper. */
	public byte[] toJson(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	/** Converts {@code data}, as the application's mapper would write it, to a tree. */
	public JsonNode toTree(@Nullable Object data) {
		return this.mapper.valueToTree(data);
	}

	private String write(Object frame) {
		return this.mapper.writeValueAsString(frame);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "type", "room", "offset", "epoch", "event", "data", "from", "ts" })
	record MessageFrame(String type, @Nullable String room, @Nullable Long offset, @Nullable String epoch,
			String event, @Nullable Object data, @Nullable String from, long ts) {
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
