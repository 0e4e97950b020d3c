package dev.realtime.sse;

import java.util.List;
import java.util.Map;

import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTokenTests {

	private static final List<String> ROOMS = List.of("chat", "user:alice", "news.tech-1");

	@Test
	void aTokenRoundTripsEveryRoomsPositionInTheStreamsOrder() {
		String token = StreamToken.format(List.of(new StreamPosition(42, "k3x9abcdef"), new StreamPosition(0, "a1"),
				new StreamPosition(Long.MAX_VALUE, "zzzzzzzzzz")));
		assertThat(token).isEqualTo("16-k3x9ab.0-a1.1y2p0ij32e8e7-zzzzzz");
		assertThat(StreamToken.parse(token, ROOMS)).containsExactly(Map.entry("chat", new StreamPosition(42, "k3x9ab")),
				Map.entry("user:alice", new StreamPosition(0, "a1")),
				Map.entry("news.tech-1", new StreamPosition(Long.MAX_VALUE, "zzzzzz")));
	}

	@Test
	void itsSizeDependsOnTheNumberOfRoomsNotOnTheirNames() {
		StreamPosition position = new StreamPosition(123_456, "k3x9abcdefgh");
		assertThat(StreamToken.format(List.of(position, position)).length()).isLessThanOrEqualTo(2 * 12);
	}

	@Test
	void anAbbreviatedEpochMatchesOnlyTheEpochItBegins() {
		assertThat(StreamToken.matches("k3x9ab", "k3x9abcdefgh")).isTrue();
		assertThat(StreamToken.matches("k3x9ab", "q3x9abcdefgh")).isFalse();
		assertThat(StreamToken.matches("", "k3x9abcdefgh")).isFalse();
	}

	@Test
	void emptyOrMangledEntriesResumeNothingForTheirRoomAndNeverFail() {
		assertThat(StreamToken.parse("..1a-e", ROOMS)).containsOnly(Map.entry("news.tech-1", new StreamPosition(46, "e")));
		assertThat(StreamToken.parse("x!-e.-e.7", ROOMS)).isEmpty();
		assertThat(StreamToken.parse("", ROOMS)).isEmpty();
		assertThat(StreamToken.parse("1-a.2-b.3-c.4-d", ROOMS)).hasSize(3);
	}

	@Test
	void tokensOfTheEarlierFormAreStillRead() {
		assertThat(StreamToken.parse("chat k3x9 42,news e 7", ROOMS)).containsOnly(
				Map.entry("chat", new StreamPosition(42, "k3x9")), Map.entry("news", new StreamPosition(7, "e")));
	}

}
