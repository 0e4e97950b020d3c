package dev.realtime.sse;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTokenTests {

	@Test
	void aTokenRoundTripsEveryRoomsPositionInOrder() {
		Map<String, StreamPosition> positions = new LinkedHashMap<>();
		positions.put("chat", new StreamPosition(42, "k3x9"));
		positions.put("user:alice", new StreamPosition(0, "a1"));
		positions.put("news.tech-1", new StreamPosition(Long.MAX_VALUE, "zz"));
		String token = StreamToken.format(positions);
		assertThat(StreamToken.parse(token)).containsExactlyEntriesOf(positions);
	}

	@Test
	void mangledEntriesResumeNothingAndNeverFail() {
		assertThat(StreamToken.parse("chat k3x9 x,news e 7,  ,a b -1,c d")).containsOnly(
				Map.entry("news", new StreamPosition(7, "e")));
		assertThat(StreamToken.parse("")).isEmpty();
	}

}
