package dev.realtime.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@link AnalyticsStore} contract, which every backend runs. Times are given, not read from
 * a clock, so the window's slide is tested to the millisecond. Each test has a store of its
 * own, on days of its own.
 */
public abstract class AnalyticsStoreContractTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration WINDOW = Duration.ofMinutes(5);

	private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

	private static final Instant NOON = Instant.parse("2025-03-14T12:00:00Z");

	/** A new store, with a keyspace of its own, counting users active within {@code window}. */
	protected abstract AnalyticsStore store(Duration activeWindow, int maxEventTypes);

	@Test
	void eventsAreCountedByTypeAndPageViewsApart() {
		AnalyticsStore store = store(WINDOW, 100);
		record(store, "page_view", "alice", NOON);
		record(store, "page_view", "bob", NOON);
		record(store, "signup", "bob", NOON);
		record(store, "page_view", null, NOON);
		AnalyticsSnapshot snapshot = store.snapshot(DAY, NOON).block(WAIT);
		assertThat(snapshot.events()).containsExactly(Map.entry("page_view", 3L), Map.entry("signup", 1L));
		assertThat(snapshot.pageViews()).isEqualTo(3);
		assertThat(snapshot.day()).isEqualTo("2025-03-14");
		assertThat(snapshot.ts()).isEqualTo(NOON.toEpochMilli());
		assertThat(snapshot.activeWindowSeconds()).isEqualTo(300);
	}

	@Test
	void typesBeyondTheMostOfADayCountAsOther() {
		AnalyticsStore store = store(WINDOW, 2);
		for (String type : List.of("a", "b", "c", "a", "d")) {
			record(store, type, null, NOON);
		}
		assertThat(store.snapshot(DAY, NOON).block(WAIT).events()).containsOnly(Map.entry("a", 2L), Map.entry("b", 1L),
				Map.entry(AnalyticsStore.OTHER, 2L));
	}

	@Test
	void aVisitorCountsOnceADayHoweverOftenSeen() {
		AnalyticsStore store = store(WINDOW, 100);
		for (int i = 0; i < 5; i++) {
			record(store, "page_view", "alice", NOON.plusSeconds(i));
			record(store, "click", "bob", NOON.plusSeconds(i));
		}
		record(store, "page_view", null, NOON);
		AnalyticsSnapshot snapshot = store.snapshot(DAY, NOON.plusSeconds(5)).block(WAIT);
		assertThat(snapshot.uniqueVisitors()).isEqualTo(2);
		assertThat(snapshot.activeUsers()).isEqualTo(2);
	}

	@Test
	void tenThousandDistinctVisitorsAreCountedWithinThreePercent() {
		AnalyticsStore store = store(WINDOW, 100);
		Flux.range(0, 10_000)
			.flatMap((i) -> store.record(DAY, "page_view", "visitor-" + i, NOON), 64)
			.blockLast(WAIT);
		// Seen again: no more visitors.
		Flux.range(0, 1_000).flatMap((i) -> store.record(DAY, "page_view", "visitor-" + i, NOON), 64).blockLast(WAIT);
		AnalyticsSnapshot snapshot = store.snapshot(DAY, NOON).block(WAIT);
		assertThat((double) snapshot.uniqueVisitors()).isCloseTo(10_000, within(300.0));
		assertThat(snapshot.activeUsers()).isEqualTo(10_000);
		assertThat(snapshot.pageViews()).isEqualTo(11_000);
	}

	@Test
	void theActiveWindowSlides() {
		AnalyticsStore store = store(Duration.ofSeconds(60), 100);
		record(store, "page_view", "early", NOON);
		record(store, "page_view", "late", NOON.plusSeconds(30));
		assertThat(active(store, NOON.plusSeconds(45))).isEqualTo(2);
		// Exactly a window after it was seen, a visitor still counts; a millisecond later, no more.
		assertThat(active(store, NOON.plusSeconds(60))).isEqualTo(2);
		assertThat(active(store, NOON.plusSeconds(60).plusMillis(1))).isEqualTo(1);
		record(store, "click", "early", NOON.plusSeconds(80));
		assertThat(active(store, NOON.plusSeconds(85))).isEqualTo(2);
		assertThat(active(store, NOON.plusSeconds(100))).isEqualTo(1);
		assertThat(active(store, NOON.plusSeconds(200))).isZero();
		// Unique visitors of the day are not a window: both still count.
		assertThat(store.snapshot(DAY, NOON.plusSeconds(200)).block(WAIT).uniqueVisitors()).isEqualTo(2);
	}

	@Test
	void aDayStartsFromZero() {
		AnalyticsStore store = store(WINDOW, 100);
		record(store, "page_view", "alice", NOON);
		LocalDate next = DAY.plusDays(1);
		Instant nextNoon = NOON.plus(Duration.ofDays(1));
		AnalyticsSnapshot empty = store.snapshot(next, nextNoon).block(WAIT);
		assertThat(empty.events()).isEmpty();
		assertThat(empty.pageViews()).isZero();
		assertThat(empty.uniqueVisitors()).isZero();
		assertThat(empty.activeUsers()).isZero();
		store.record(next, "signup", "bob", nextNoon).block(WAIT);
		AnalyticsSnapshot snapshot = store.snapshot(next, nextNoon).block(WAIT);
		assertThat(snapshot.events()).containsOnly(Map.entry("signup", 1L));
		assertThat(snapshot.uniqueVisitors()).isEqualTo(1);
	}

	@Test
	void eachSlotIsClaimedOnce() {
		AnalyticsStore store = store(WINDOW, 100);
		assertThat(store.claim(7, Duration.ofSeconds(10)).block(WAIT)).isTrue();
		assertThat(store.claim(7, Duration.ofSeconds(10)).block(WAIT)).isFalse();
		assertThat(store.claim(8, Duration.ofSeconds(10)).block(WAIT)).isTrue();
	}

	private static void record(AnalyticsStore store, String type, String visitor, Instant at) {
		store.record(DAY, type, visitor, at).block(WAIT);
	}

	private static long active(AnalyticsStore store, Instant now) {
		return store.snapshot(DAY, now).block(WAIT).activeUsers();
	}

}
