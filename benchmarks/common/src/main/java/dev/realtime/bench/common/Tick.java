package dev.realtime.bench.common;

/**
 * The application payload every server under test publishes: a sequence number, the time it
 * was meant to be sent and padding up to the payload size. Written as JSON it reads
 * {@code {"seq":12,"t":1764000000000000,"pad":"xxxx"}}; the load generator finds {@code "seq":}
 * and {@code "t":} in whatever envelope the server wraps it in.
 *
 * @param seq position in its run, counted from 0 across all rooms
 * @param t scheduled send time in microseconds of the wall clock ({@link BenchClock})
 * @param pad filler that brings the JSON to the configured size
 */
public record Tick(long seq, long t, String pad) {

	/** This tick as JSON, in the field order Jackson writes a record in. */
	public String toJson() {
		return "{\"seq\":" + this.seq + ",\"t\":" + this.t + ",\"pad\":\"" + this.pad + "\"}";
	}

	/**
	 * Padding that makes a tick's JSON {@code size} bytes long for a 7-digit sequence number and
	 * a 16-digit timestamp, so every publication of a run has about the same size.
	 */
	public static String padFor(int size) {
		int fixed = new Tick(1_000_000, 1_000_000_000_000_000L, "").toJson().length();
		return "x".repeat(Math.max(0, size - fixed));
	}

}
