package dev.realtime.autoconfigure.web;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand random bad frames, each of which must get its error frame or a defined close,
 * while a bystander in another room keeps receiving everything, and the server's heap and
 * threads stay where they were.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.max-frame-size=16KB", "realtime.limits.messages-per-second=0" })
class RealtimeFuzzIntegrationTests {

	private static final int FRAMES = 10_000;

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

	private static final List<String> TYPES = List.of("subscribe", "unsubscribe", "publish", "presence", "ping");

	private static final String[] WRONG_VALUES = { "42", "-1.5e300", "true", "null", "[]", "[\"room\"]", "{}",
			"{\"room\":\"a\"}" };

	private static final String[] WRONG_REFS = { "true", "null", "[]", "[\"r\"]", "{}", "{\"ref\":\"r\"}" };

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	private final Random random = new Random(20240604);

	enum Kind {

		INVALID_UTF8, TRUNCATED_JSON, DEEP_JSON, HUGE_NUMBER, HUGE_STRING, BINARY_GARBAGE, WRONG_FIELD_TYPE,
		NOT_AN_OBJECT, UNKNOWN_TYPE, VALID, OVERSIZE

	}

	@Test
	void everyBadFrameIsAnsweredAndNobodyElseNotices() throws Exception {
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		long heapBefore = usedHeapAfterGc();
		Map<LimitEvent, Long> countersBefore = this.counters.snapshot();
		Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
		long published = 0;
		try (TestClient bystander = TestClient.connect(uri("bystander"))) {
			bystander.subscribe("calm");
			TestClient fuzzer = TestClient.connect(uri("fuzzer"));
			try {
				for (int i = 0; i < FRAMES; i++) {
					Kind kind = pick();
					counts.merge(kind, 1, Integer::sum);
					if (!answered(fuzzer, kind, i)) {
						fuzzer.close();
						fuzzer = TestClient.connect(uri("fuzzer"));
					}
					if (i % 20 == 0) {
						this.hub.publish("calm", Event.message(++published)).block();
					}
				}
			}
			finally {
				fuzzer.close();
			}
			List<JsonNode> received = bystander.messages((int) published);
			for (int i = 0; i < received.size(); i++) {
				assertThat(received.get(i).path("data").asLong()).isEqualTo(i + 1);
				assertThat(received.get(i).path("offset").asLong()).isEqualTo(i + 1);
			}
			assertThat(bystander.pollMessage(50_000_000L)).isNull();
			assertThat(bystander.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		}
		assertThat(counts).as("every kind of frame was sent").hasSize(Kind.values().length);
		assertThat(this.counters.count(LimitEvent.FRAME_TOO_LARGE) - countersBefore.get(LimitEvent.FRAME_TOO_LARGE))
			.isEqualTo(counts.get(Kind.OVERSIZE).longValue());
		assertThat(this.counters.count(LimitEvent.JSON_TOO_COMPLEX) - countersBefore.get(LimitEvent.JSON_TOO_COMPLEX))
			.isEqualTo((long) counts.get(Kind.DEEP_JSON) + counts.get(Kind.HUGE_NUMBER));
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(threadsBefore + 16);
		assertThat(usedHeapAfterGc() - heapBefore).isLessThan(32L * 1024 * 1024);
	}

	/** Sends a frame of {@code kind}; whether the connection is still open after its answer. */
	private boolean answered(TestClient fuzzer, Kind kind, int i) {
		String ref = "f" + i;
		switch (kind) {
			case INVALID_UTF8 -> {
				byte[] bytes = ("{\"type\":\"ping\",\"ref\":\"" + ref + "\u00ff\u00fe\"}")
					.getBytes(StandardCharsets.ISO_8859_1);
				fuzzer.sendText(bytes);
				// Reactor Netty does not validate UTF-8; the JSON parser does, and the frame is malformed.
				expectError(fuzzer, kind, null, "bad_request");
			}
			case OVERSIZE -> {
				fuzzer.send("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(17 * 1024) + "\"}");
				return expectClose(fuzzer, kind, CloseCodes.TOO_BIG);
			}
			case TRUNCATED_JSON -> {
				String frame = validFrame(ref);
				fuzzer.send(frame.substring(0, 1 + this.random.nextInt(frame.length() - 1)));
				expectError(fuzzer, kind, null, "bad_request");
			}
			case DEEP_JSON -> {
				// As deep as 16 KB allows.
				int depth = 33 + this.random.nextInt(2000);
				boolean arrays = this.random.nextBoolean();
				String open = arrays ? "[" : "{\"a\":";
				String close = arrays ? "]" : "}";
				fuzzer.send("{\"type\":\"publish\",\"room\":\"r\",\"data\":" + open.repeat(depth) + "1"
						+ close.repeat(depth) + ",\"ref\":\"" + ref + "\"}");
				expectError(fuzzer, kind, null, "bad_request");
			}
			case HUGE_NUMBER -> {
				String digits = "9".repeat(101 + this.random.nextInt(5000));
				fuzzer.send("{\"type\":\"publish\",\"room\":\"r\",\"data\":" + digits + ",\"ref\":\"" + ref + "\"}");
				expectError(fuzzer, kind, null, "bad_request");
			}
			case HUGE_STRING -> {
				// Within the frame size: a string is no harm, but not a room name.
				String text = "y".repeat(200 + this.random.nextInt(15_000));
				fuzzer.send("{\"type\":\"subscribe\",\"room\":\"" + text + "\",\"ref\":\"" + ref + "\"}");
				expectError(fuzzer, kind, ref, "bad_request");
			}
			case BINARY_GARBAGE -> {
				byte[] garbage = new byte[1 + this.random.nextInt(2000)];
				this.random.nextBytes(garbage);
				garbage[0] = (byte) 0xC0;
				fuzzer.sendBinary(garbage);
				expectError(fuzzer, kind, null, "bad_request");
			}
			case WRONG_FIELD_TYPE -> {
				String type = TYPES.get(this.random.nextInt(TYPES.size()));
				List<String> fields = switch (type) {
					case "publish" -> List.of("room", "event", "ref");
					case "ping" -> List.of("ref");
					default -> List.of("room", "ref");
				};
				String field = fields.get(this.random.nextInt(fields.size()));
				// A ref may be a string or a number; room and event must be strings.
				String[] wrongValues = "ref".equals(field) ? WRONG_REFS : WRONG_VALUES;
				String wrong = wrongValues[this.random.nextInt(wrongValues.length)];
				StringBuilder frame = new StringBuilder("{\"type\":\"" + type + "\"");
				for (String f : List.of("room", "event")) {
					if (fields.contains(f)) {
						frame.append(",\"").append(f).append("\":").append(f.equals(field) ? wrong : "\"ok\"");
					}
				}
				frame.append(",\"ref\":").append("ref".equals(field) ? wrong : "\"" + ref + "\"").append('}');
				fuzzer.send(frame.toString());
				expectError(fuzzer, kind, "ref".equals(field) ? null : ref, "bad_request");
			}
			case NOT_AN_OBJECT -> {
				String[] values = { "[]", "42", "\"text\"", "null", "true", "", " ", "[{\"type\":\"ping\"}]" };
				fuzzer.send(values[this.random.nextInt(values.length)]);
				expectError(fuzzer, kind, null, "bad_request");
			}
			case UNKNOWN_TYPE -> {
				fuzzer.send("{\"type\":\"t" + this.random.nextInt() + "\",\"ref\":\"" + ref + "\"}");
				expectError(fuzzer, kind, ref, "unknown_type");
			}
			case VALID -> {
				fuzzer.send(validFrame(ref));
				JsonNode answer = awaitRef(fuzzer, kind, ref);
				assertThat(answer.path("type").asString()).as(answer.toString()).isIn("reply", "pong", "error");
				if ("error".equals(answer.path("type").asString())) {
					assertThat(answer.path("code").asString()).isIn("not_subscribed", "too_many_rooms");
				}
			}
		}
		return true;
	}

	private String validFrame(String ref) {
		String room = "fz" + this.random.nextInt(50);
		return switch (this.random.nextInt(5)) {
			case 0 -> "{\"type\":\"subscribe\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\"}";
			case 1 -> "{\"type\":\"unsubscribe\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\"}";
			case 2 -> "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"n\":[1,2,{\"x\":null}]},\"ref\":\""
					+ ref + "\"}";
			case 3 -> "{\"type\":\"presence\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\"}";
			default -> "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}";
		};
	}

	private Kind pick() {
		int roll = this.random.nextInt(1000);
		if (roll < 5) {
			return Kind.OVERSIZE;
		}
		Kind[] answered = { Kind.INVALID_UTF8, Kind.TRUNCATED_JSON, Kind.DEEP_JSON, Kind.HUGE_NUMBER, Kind.HUGE_STRING,
				Kind.BINARY_GARBAGE, Kind.WRONG_FIELD_TYPE, Kind.NOT_AN_OBJECT, Kind.UNKNOWN_TYPE, Kind.VALID };
		return answered[this.random.nextInt(answered.length)];
	}

	/** The next error, which must carry {@code code}, and {@code ref} unless it is {@code null}. */
	private static void expectError(TestClient fuzzer, Kind kind, String ref, String code) {
		JsonNode answer = (ref != null) ? awaitRef(fuzzer, kind, ref) : fuzzer.pollControl(ANSWER_TIMEOUT);
		assertThat(answer).as(kind + ": no answer").isNotNull();
		assertThat(answer.path("type").asString()).as(kind + ": " + answer).isEqualTo("error");
		assertThat(answer.path("code").asString()).as(kind + ": " + answer).isEqualTo(code);
	}

	private static JsonNode awaitRef(TestClient fuzzer, Kind kind, String ref) {
		JsonNode answer = fuzzer.pollControl(ANSWER_TIMEOUT);
		assertThat(answer).as(kind + ": no answer").isNotNull();
		assertThat(answer.path("ref").asString(null)).as(kind + ": " + answer).isEqualTo(ref);
		return answer;
	}

	private static boolean expectClose(TestClient fuzzer, Kind kind, int code) {
		WebSocketCloseStatus status = fuzzer.closeStatus(ANSWER_TIMEOUT);
		assertThat(status).as(kind + ": no close").isNotNull();
		assertThat(status.code()).as(kind.toString()).isEqualTo(code);
		return false;
	}

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
