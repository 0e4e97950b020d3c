package dev.realtime.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.Publication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolCodecTests {

	private final JsonMapper mapper = JsonMapper.shared();

	private final ProtocolCodec codec = new ProtocolCodec(this.mapper);

	@Test
	void aMessageFrameWrapsTheEventsBytesWithTheRoomsFieldsInDocumentedOrder() {
		EncodedEvent event = EncodedEvent.of(new Event("message", Map.of("text", "hi \"there\"\n"), "alice", 7),
				this.mapper);
		byte[] frame = this.codec.message(new Publication("chat:\"x\"", 43, "k3x9", event));
		String json = new String(frame, StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"type\":\"message\",\"room\":\"chat:\\\"x\\\"\",\"offset\":43,\"epoch\":\"k3x9\","
				+ "\"event\":\"message\",\"data\":");
		JsonNode node = this.mapper.readTree(frame);
		assertThat(node.path("room").asString()).isEqualTo("chat:\"x\"");
		assertThat(node.path("data").path("text").asString()).isEqualTo("hi \"there\"\n");
		assertThat(node.path("from").asString()).isEqualTo("alice");
		assertThat(node.path("ts").asLong()).isEqualTo(7);
	}

	@Test
	void aDirectMessageFrameHasNoRoomOffsetOrEpoch() {
		EncodedEvent event = EncodedEvent.of(Event.notification("n"), this.mapper);
		JsonNode node = this.mapper.readTree(this.codec.message(Publication.direct(event)));
		assertThat(node.has("room")).isFalse();
		assertThat(node.has("offset")).isFalse();
		assertThat(node.path("type").asString()).isEqualTo("message");
		assertThat(node.path("event").asString()).isEqualTo("notification");
	}

	@Test
	void joinAndLeaveNameTheRoomAndTheUser() {
		ClientInfo bob = new ClientInfo("c1", "bob", Map.of());
		assertThat(new String(this.codec.join("chat", bob), StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"join\",\"room\":\"chat\",\"user\":\"bob\"}");
		assertThat(new String(this.codec.leave("chat", new ClientInfo("c1", "bob", Map.of("name", "Bob"))),
				StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"leave\",\"room\":\"chat\",\"user\":\"bob\",\"info\":{\"name\":\"Bob\"}}");
	}

	@Test
	void aCloseEventIsValidJsonWhateverItsReason() {
		String reason = "bye \"now\" \\ and\r\nevent: message";
		JsonNode node = this.mapper.readTree(this.codec.close(4002, reason));
		assertThat(node.path("code").asInt()).isEqualTo(4002);
		assertThat(node.path("reason").asString()).isEqualTo(reason);
		assertThat(this.codec.close(4002, reason)).doesNotContain("\n", "\r");
	}

}
