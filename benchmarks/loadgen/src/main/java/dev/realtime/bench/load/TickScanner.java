package dev.realtime.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * Finds the tick's {@code "seq":} and {@code "t":} in a received frame, whatever envelope (our
 * JSON, STOMP headers, an SSE event) surrounds it, without decoding the frame: the load
 * generator shares two cores with the server, so every microsecond it spends is one the
 * server does not get.
 */
final class TickScanner {

	private static final byte[] SEQ = "\"seq\":".getBytes();

	private static final byte[] T = "\"t\":".getBytes();

	private TickScanner() {
	}

	/** The sequence number in {@code buf}'s readable bytes from {@code from} to {@code to}, or -1. */
	static long seq(ByteBuf buf, int from, int to) {
		return number(buf, from, to, SEQ);
	}

	/** The scheduled send time in {@code buf}'s readable bytes from {@code from} to {@code to}, or -1. */
	static long sentMicros(ByteBuf buf, int from, int to) {
		return number(buf, from, to, T);
	}

	private static long number(ByteBuf buf, int from, int to, byte[] key) {
		int at = indexOf(buf, from, to, key);
		if (at < 0) {
			return -1;
		}
		long value = 0;
		boolean digits = false;
		for (int i = at + key.length; i < to; i++) {
			byte b = buf.getByte(i);
			if (b < '0' || b > '9') {
				break;
			}
			value = value * 10 + (b - '0');
			digits = true;
		}
		return digits ? value : -1;
	}

	private static int indexOf(ByteBuf buf, int from, int to, byte[] key) {
		byte first = key[0];
		outer: for (int i = from; i <= to - key.length; i++) {
			if (buf.getByte(i) != first) {
				continue;
			}
			for (int j = 1; j < key.length; j++) {
				if (buf.getByte(i + j) != key[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
