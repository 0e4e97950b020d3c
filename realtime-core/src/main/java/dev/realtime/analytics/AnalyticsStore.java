package dev.realtime.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where {@link LiveAnalytics} keeps its counts: in memory for one node, or in Redis, shared by
 * every node of a cluster. A store is made with the length of the active-users window and the
 * most event types it counts apart; it keeps the counts of the latest day only (or two, in
 * Redis), so its memory is bounded by the number of visitors seen within the window.
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #record} counts the event of its type on its day; once a day has
 * {@code maxEventTypes} types, events of other types count as {@value #OTHER};</li>
 * <li>a visitor counts once per day among the unique visitors, within HyperLogLog's error;</li>
 * <li>a visitor is active from when it was last seen, for the window, then no more;</li>
 * <li>{@link #snapshot} of a day with nothing recorded is all zeros;</li>
 * <li>{@link #claim} says yes to exactly one caller per slot across the nodes sharing the
 * store.</li>
 * </ul>
 */
public interface AnalyticsStore {

	/** The type that events of types beyond {@code maxEventTypes} count as. */
	String OTHER = "other";

	/**
	 * Counts an event of {@code type} on {@code day}, and {@code visitor}, when there is one, as
	 * seen {@code at}.
	 */
	Mono<Void> record(LocalDate day, String type, @Nullable String visitor, Instant at);

	/** {@code day}'s counts, with the visitors active within the window before {@code now}. */
	Mono<AnalyticsSnapshot> snapshot(LocalDate day, Instant now);

	/**
	 * Whether the caller is the first to claim {@code slot} (a number for one publication
	 * interval) among all the nodes on this store; the claim lapses after {@code ttl}.
	 */
	Mono<Boolean> claim(long slot, Duration ttl);

}
