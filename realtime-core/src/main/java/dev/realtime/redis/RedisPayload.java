package dev.realtime.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.realtime.EncodedEvent;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EncodedEvent} as bytes in Redis: a short header with what transports need without
 * parsing the event's JSON (its time, sender and name, the strings length-prefixed), then the
 * JSON itself, exactly as the publishing node wrote it:
 * {@code ts \n fromLength \n from nameLength \n name json}, with {@code -1} for no sender.
 */
final class RedisPayload {

	private RedisPayload() {
	}

	static byte[] encode(EncodedEvent event) {
		byte[] from = (event.from() != null) ? event.from().getBytes(StandardCharsets.UTF_8) : null;
		byte[] name = event.event().getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream(event.json().length + name.length + 40);
		writeNumber(out, event.ts());
		writeNumber(out, (from != null) ? from.length : -1);
		if (from != null) {
			out.writeBytes(from);
		}
		writeNumber(out, name.length);
		out.writeBytes(name);
		out.writeBytes(event.json());
		return out.toByteArray();
	}

	static EncodedEvent decode(byte[] payload, int start) {
		Reader reader = new Reader(payload, start);
		long ts = reader.number();
		String from = reader.string((int) reader.number());
		String name = reader.string((int) reader.number());
		byte[] json = new byte[payload.length - reader.position];
		System.arraycopy(payload, reader.position, json, 0, json.length);
		return EncodedEvent.ofJson(name, from, ts, json);
	}

	private static void writeNumber(ByteArrayOutputStream out, long number) {
		out.writeBytes(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
		out.write('\n');
	}

	/** Reads what {@link #encode} wrote, and the lines the engine puts in front of it. */
	static final class Reader {

		private final byte[] bytes;

		private int position;

		Reader(byte[] bytes, int position) {
			this.bytes = bytes;
			this.position = position;
		}

		/** A decimal number ending with a line break. */
		long number() {
			long value = 0;
			boolean negative = false;
			for (;;) {
				byte b = this.bytes[this.position++];
				if (b == '\n') {
					return negative ? -value : value;
				}
				if (b == '-') {
					negative = true;
				}
				else {
					value = value * 10 + (b - '0');
				}
			}
		}

		/** A text ending with a line break. */
		String line() {
			int start = this.position;
			while (this.bytes[this.position] != '\n') {
				this.position++;
			}
			return new String(this.bytes, start, this.position++ - start, StandardCharsets.UTF_8);
		}

		@Nullable String string(int length) {
			if (length < 0) {
				return null;
			}
			String value = new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
			this.position += length;
			return value;
		}

		int position() {
			return this.position;
		}

	}

}
