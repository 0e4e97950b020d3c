package dev.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Event} as it travels between nodes: its JSON, written once by the node that
 * publishes it, and the fields every transport needs without parsing that JSON.
 * <p>
 * {@link #json()} is the event as one JSON object whose first member is {@code event}:
 * {@code {"event":"message","data":{…},"from":"alice","ts":1764000000000}}. Transports build
 * their frames around these bytes, so {@code data} is never parsed nor written again on the way
 * to clients. Application code that wants the data reads {@link #data()}, parsed on first use.
 */
public final class EncodedEvent {

	private final String event;

	private final @Nullable String from;

	private final long ts;

	private final byte[] json;

	private volatile @Nullable JsonNode data;

	private EncodedEvent(String event, @Nullable String from, long ts, byte[] json) {
		this.event = event;
		this.from = from;
		this.ts = ts;
		this.json = json;
	}

	/** {@code event} written by {@code mapper}, the application's, once. */
	public static EncodedEvent of(Event event, JsonMapper mapper) {
		byte[] json = mapper
			.writeValueAsBytes(new EventJson(event.event(), event.data(), event.from(), event.ts()));
		return new EncodedEvent(event.event(), event.from(), event.ts(), json);
	}

	/**
	 * An event another node encoded, as a broker carried it.
	 * @param json the event's JSON object, as {@link #json()} describes it
	 */
	public static EncodedEvent ofJson(String event, @Nullable String from, long ts, byte[] json) {
		if (json.length < 2 || json[0] != '{') {
			throw new IllegalArgumentException("An encoded event must be a JSON object");
		}
		return new EncodedEvent(event, from, ts, json);
	}

	/** The event name. */
	public String event() {
		return this.event;
	}

	/** The user id of the sender, {@code null} when the server sent it. */
	public @Nullable String from() {
		return this.from;
	}

	/** When the event was created, in epoch milliseconds. */
	public long ts() {
		return this.ts;
	}

	/** The event's JSON object. Shared by every receiver: never modify it. */
	public byte[] json() {
		return this.json;
	}

	/** The event's {@code data}, parsed from {@link #json()} on first use; a null node when absent. */
	public JsonNode data() {
		JsonNode data = this.data;
		if (data == null) {
			data = JsonMapper.shared().readTree(this.json).path("data");
			this.data = data;
		}
		return data;
	}

	@Override
	public String toString() {
		return "EncodedEvent[" + this.event + ", " + this.json.length + " bytes]";
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "event", "data", "from", "ts" })
	private record EventJson(String event, @Nullable Object data, @Nullable String from, long ts) {
	}

}
