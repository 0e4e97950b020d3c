package dev.realtime.websocket;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloseReasonTests {

	@Test
	void aReasonThatFitsIsKeptAsItIs() {
		assertThat(CloseReason.fit("")).isEmpty();
		assertThat(CloseReason.fit("slow consumer")).isEqualTo("slow consumer");
		String exactly = "x".repeat(123);
		assertThat(CloseReason.fit(exactly)).isSameAs(exactly);
	}

	@Test
	void aLongerAsciiReasonIsCutAt123Bytes() {
		assertThat(CloseReason.fit("x".repeat(124))).isEqualTo("x".repeat(123));
		assertThat(CloseReason.fit("y".repeat(10_000))).hasSize(123);
	}

	@Test
	void aCutNeverSplitsACharacter() {
		// Two, three and four bytes a character: 123 falls inside the 62nd, 42nd and 31st.
		assertThat(CloseReason.fit("\u00e9".repeat(100))).isEqualTo("\u00e9".repeat(61));
		assertThat(CloseReason.fit("\u20ac".repeat(100))).isEqualTo("\u20ac".repeat(41));
		assertThat(CloseReason.fit("\ud83d\ude00".repeat(100))).isEqualTo("\ud83d\ude00".repeat(30));
		// 122 bytes of ASCII then one of two bytes: it does not fit, and goes whole.
		assertThat(CloseReason.fit("x".repeat(122) + "\u00e9")).isEqualTo("x".repeat(122));
	}

	@Test
	void everyCutIsTheLongestPrefixThatFits() {
		int[] codePoints = "a\u00e9\u20ac\ud83d\ude00".repeat(50).codePoints().toArray();
		for (int count = 0; count <= codePoints.length; count++) {
			String reason = new String(codePoints, 0, count);
			String fitted = CloseReason.fit(reason);
			assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
			assertThat(reason).startsWith(fitted);
			if (!fitted.equals(reason)) {
				String oneMore = fitted + Character.toString(reason.codePointAt(fitted.length()));
				assertThat(oneMore.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(123);
			}
		}
	}

}
