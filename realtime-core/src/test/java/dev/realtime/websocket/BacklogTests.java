package dev.realtime.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.SlowConsumerPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTests {

	private final LimitCounters counters = new LimitCounters();

	private final List<ByteBuf> created = new ArrayList<>();

	@Test
	void dropOldestKeepsTheNewestFramesWithinItsBoundAndReleasesTheOthers() {
		Backlog backlog = new Backlog(3, 1024, this.counters);
		for (int i = 1; i <= 5; i++) {
			backlog.add(frame("m" + i), "feed", SlowConsumerPolicy.DROP_OLDEST);
		}
		assertThat(drain(backlog)).containsExactly("m3", "m4", "m5");
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_DROPPED)).isEqualTo(2);
		assertThat(this.created).allSatisfy((buf) -> assertThat(buf.refCnt()).isZero());
	}

	@Test
	void aByteBoundDropsTheOldestToo() {
		Backlog backlog = new Backlog(100, 10, this.counters);
		backlog.add(frame("12345"), null, SlowConsumerPolicy.DROP_OLDEST);
		backlog.add(frame("67890"), null, SlowConsumerPolicy.DROP_OLDEST);
		backlog.add(frame("abc"), null, SlowConsumerPolicy.DROP_OLDEST);
		assertThat(drain(backlog)).containsExactly("67890", "abc");
	}

	@Test
	void conflateKeepsTheNewestOfEachRoomInThePlaceOfItsFirstAndEveryFrameOutsideRooms() {
		Backlog backlog = new Backlog(100, 1024, this.counters);
		backlog.add(frame("a1"), "a", SlowConsumerPolicy.CONFLATE);
		backlog.add(frame("b1"), "b", SlowConsumerPolicy.CONFLATE);
		backlog.add(frame("reply"), null, SlowConsumerPolicy.CONFLATE);
		backlog.add(frame("a2"), "a", SlowConsumerPolicy.CONFLATE);
		backlog.add(frame("a3"), "a", SlowConsumerPolicy.CONFLATE);
		assertThat(drain(backlog)).containsExactly("a3", "b1", "reply");
		assertThat(this.counters.count(LimitEvent.SLOW_CONSUMER_CONFLATED)).isEqualTo(2);
		backlog.add(frame("a4"), "a", SlowConsumerPolicy.CONFLATE);
		assertThat(drain(backlog)).as("a drained room starts over").containsExactly("a4");
		assertThat(backlog.bytes()).isZero();
		assertThat(this.created).allSatisfy((buf) -> assertThat(buf.refCnt()).isZero());
	}

	@Test
	void clearReleasesEverything() {
		Backlog backlog = new Backlog(100, 1024, this.counters);
		backlog.add(frame("x"), "a", SlowConsumerPolicy.CONFLATE);
		backlog.add(frame("y"), null, SlowConsumerPolicy.DROP_OLDEST);
		backlog.clear();
		assertThat(backlog.isEmpty()).isTrue();
		assertThat(this.created).allSatisfy((buf) -> assertThat(buf.refCnt()).isZero());
	}

	private ByteBuf frame(String text) {
		ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
		this.created.add(buf);
		return buf;
	}

	private static List<String> drain(Backlog backlog) {
		List<String> frames = new ArrayList<>();
		ByteBuf frame;
		while ((frame = backlog.poll()) != null) {
			frames.add(frame.toString(StandardCharsets.UTF_8));
			frame.release();
		}
		return frames;
	}

}
