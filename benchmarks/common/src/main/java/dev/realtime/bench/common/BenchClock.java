package dev.realtime.bench.common;

import java.time.Clock;
import java.time.Instant;

/**
 * The clock that publish-to-receive latency is measured with.
 * <p>
 * {@link System#nanoTime()} has an arbitrary origin per JVM, and the publisher and the receivers
 * run in different JVMs, so both read the machine's wall clock instead ({@code CLOCK_REALTIME},
 * which {@link Clock#systemUTC()} reads with microsecond resolution on Linux). Both processes
 * share one kernel clock, so their readings compare directly; an NTP step during a run would show
 * up as an outlier, and runs last seconds.
 */
public final class BenchClock {

	private static final Clock CLOCK = Clock.systemUTC();

	private BenchClock() {
	}

	/** Wall-clock time in microseconds since the epoch. */
	public static long nowMicros() {
		Instant now = CLOCK.instant();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

}
