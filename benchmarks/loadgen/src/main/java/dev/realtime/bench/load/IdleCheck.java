package dev.realtime.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * Idle connections of one transport at one count, with what the server still did once they
 * were all in: heap and RSS per connection ({@code memory}), refusals and drops while opening
 * and holding them, then a fresh client (one more connection, subscribing) and one publication
 * that every connection, old and new, must receive.
 *
 * @param transport {@code WebSocket} or {@code SSE}
 * @param memory heap and RSS against the same server with no connection
 * @param refused connections that failed to open (refused, reset, or answered other than 101/200)
 * @param closed connections that closed while held
 * @param freshMillis time for the fresh client to connect and be subscribed; -1 if it was not
 * @param probeExpected deliveries the one publication should make (every connection plus the fresh one)
 * @param probeReceived deliveries it made within 15 s
 * @param failed why the configuration failed, or {@code null}
 */
record IdleCheck(String transport, IdleResult memory, long refused, long closed, double freshMillis,
		long probeExpected, long probeReceived, @Nullable String failed) {

	static IdleCheck failed(String transport, ServerKind kind, int connections, String why) {
		return new IdleCheck(transport, IdleResult.failed(kind, connections, why), 0, 0, -1, 0, 0, why);
	}

	boolean answering() {
		return this.failed == null && this.refused == 0 && this.closed == 0 && this.freshMillis >= 0
				&& this.probeExpected > 0 && this.probeReceived >= this.probeExpected;
	}

}
