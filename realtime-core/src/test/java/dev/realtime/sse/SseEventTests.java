package dev.realtime.sse;

import java.time.Duration;
import java.util.Map;

import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventTests {

	@Test
	void formatsEveryFieldAndSplitsMultiLineData() {
		String formatted = SseEvent.builder()
			.comment("keep\nalive")
			.id("7")
			.event("price")
			.retry(Duration.ofSeconds(5))
			.data("first\nsecond\r\nthird")
			.build()
			.format();
		assertThat(formatted)
			.isEqualTo(":keep\n:alive\nid: 7\nevent: price\nretry: 5000\ndata: first\ndata: second\ndata: third\n\n");
	}

	@Test
	void keepsLineBreaksOutOfOneLineFields() {
		assertThat(SseEvent.builder().event("a\nb").id("1\r2").data("x").build().format())
			.isEqualTo("id: 1 2\nevent: a b\ndata: x\n\n");
	}

	@Test
	void convertsToSpringsServerSentEvent() {
		ServerSentEvent<String> event = SseEvent.builder().event("e").data("d").id("i").build().toServerSentEvent();
		assertThat(event.event()).isEqualTo("e");
		assertThat(event.data()).isEqualTo("d");
		assertThat(event.id()).isEqualTo("i");
	}

	@Test
	void streamTokensRoundTripAndToleratesGarbage() {
		Map<String, StreamPosition> positions = Map.of("a:b", new StreamPosition(4, "ep1"));
		assertThat(StreamToken.parse(StreamToken.format(positions))).isEqualTo(positions);
		assertThat(StreamToken.parse("a ep 1,garbage,b ep x,c ep -3, d ep 2"))
			.containsOnlyKeys("a", "d");
	}

}
