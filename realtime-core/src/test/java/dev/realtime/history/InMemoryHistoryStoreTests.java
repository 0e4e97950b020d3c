package dev.realtime.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.realtime.Event;
import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryHistoryStoreTests {

	private final MutableClock clock = new MutableClock();

	private final InMemoryHistoryStore store = new InMemoryHistoryStore(3, Duration.ofSeconds(10), this.clock);

	@Test
	void replaysWhatTheWindowHoldsInOrder() {
		append("room", 5);
		StreamPosition position = this.store.position("room").block();
		assertThat(position.offset()).isEqualTo(5);
		Replay replay = this.store.since("room", new StreamPosition(3, position.epoch())).block();
		assertThat(replay.recovered()).isTrue();
		assertThat(replay.publications()).extracting("offset").containsExactly(4L, 5L);
		assertThat(this.store.since("room", position).block().publications()).isEmpty();
	}

	@Test
	void aPositionOlderThanTheWindowIsNotRecovered() {
		append("room", 5);
		String epoch = this.store.position("room").block().epoch();
		Replay replay = this.store.since("room", new StreamPosition(1, epoch)).block();
		assertThat(replay.recovered()).isFalse();
		assertThat(replay.publications()).extracting("offset").containsExactly(3L, 4L, 5L);
	}

	@Test
	void anotherEpochOrAFutureOffsetIsNotRecovered() {
		append("room", 2);
		String epoch = this.store.position("room").block().epoch();
		assertThat(this.store.since("room", new StreamPosition(1, "other")).block().recovered()).isFalse();
		assertThat(this.store.since("room", new StreamPosition(9, epoch)).block().recovered()).isFalse();
	}

	@Test
	void publicationsOlderThanTheTtlAreNotReplayed() {
		append("room", 1);
		this.clock.advance(Duration.ofSeconds(11));
		append("room", 1);
		String epoch = this.store.position("room").block().epoch();
		Replay replay = this.store.since("room", new StreamPosition(0, epoch)).block();
		assertThat(replay.recovered()).isFalse();
		assertThat(replay.publications()).extracting("offset").containsExactly(2L);
	}

	@Test
	void idleRoomsNotInUseAreEvictedAndGetANewEpoch() {
		append("idle", 1);
		append("busy", 1);
		String epoch = this.store.position("idle").block().epoch();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.store.evictExpired("busy"::equals)).isEqualTo(1);
		assertThat(this.store.rooms()).isEqualTo(1);
		assertThat(this.store.position("idle").block().epoch()).isNotEqualTo(epoch);
	}

	@Test
	void internalTopicsKeepNoHistory() {
		assertThat(this.store.append("$broadcast", Event.message("x")).offset()).isZero();
		assertThat(this.store.rooms()).isZero();
	}

	@Test
	void aZeroSizeWindowStillNumbersPublications() {
		InMemoryHistoryStore none = new InMemoryHistoryStore(0, Duration.ofSeconds(1), this.clock);
		none.append("room", Event.message(1));
		StreamPosition position = none.position("room").block();
		assertThat(position.offset()).isEqualTo(1);
		assertThat(none.since("room", position).block().recovered()).isTrue();
		assertThat(none.since("room", new StreamPosition(0, position.epoch())).block().recovered()).isFalse();
	}

	private void append(String room, int count) {
		for (int i = 0; i < count; i++) {
			this.store.append(room, Event.message(i));
		}
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
