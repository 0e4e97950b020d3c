package dev.realtime.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomPatternTests {

	@Test
	void aStarMatchesAnyRunOfCharactersAndTheRestIsLiteral() {
		RoomPattern news = new RoomPattern("news:*");
		assertThat(news.matches("news:")).isTrue();
		assertThat(news.matches("news:world:europe")).isTrue();
		assertThat(news.matches("breaking-news:x")).isFalse();
		assertThat(news.matches("news")).isFalse();
		RoomPattern dotted = new RoomPattern("a.b*");
		assertThat(dotted.matches("a.bc")).isTrue();
		assertThat(dotted.matches("axbc")).as("a dot is a dot, not any character").isFalse();
		assertThat(new RoomPattern("*:admin").matches("team:admin")).isTrue();
		assertThat(new RoomPattern("*").matches("anything")).isTrue();
		assertThat(new RoomPattern("exact").matches("exactly")).isFalse();
	}

}
