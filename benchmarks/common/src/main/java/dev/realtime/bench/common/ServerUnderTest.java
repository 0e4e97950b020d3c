package dev.realtime.bench.common;

import java.util.Map;

/**
 * What a benchmarked server offers the {@link ControlServer}: a way to publish to a room and
 * counts to tell when the load generator's clients are all in.
 */
public interface ServerUnderTest {

	/** Publishes {@code tick} to every subscriber of {@code room}, without waiting for delivery. */
	void publish(String room, Tick tick);

	/**
	 * Publishes a realistic JSON {@code document} (the compression scenario's payload) to every
	 * subscriber of {@code room}; servers that have no use for it keep the default.
	 */
	default void publish(String room, Document document) {
		throw new UnsupportedOperationException("this server publishes ticks only");
	}

	/** Room subscriptions the server currently holds, over every connection. */
	long subscriptions();

	/** Open client connections. */
	long connections();

	/** Memory outside the JVM's own pools that the server knows of, such as Netty's direct arenas. */
	default Map<String, Long> memoryDetails() {
		return Map.of();
	}

}
