package dev.realtime.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's unified GC log ({@code -Xlog:gc*:file=…}), read between two offsets: the
 * pauses that fell within one window. A pause is a {@code [gc]} line such as
 * {@code GC(12) Pause Young (Allocation Failure) 300M->12M(981M) 3.456ms}.
 */
final class GcLog {

	private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms\\s*$");

	private GcLog() {
	}

	/** The JVM option that logs every GC event of a server into {@code file}. */
	static String option(Path file) {
		return "-Xlog:gc*:file=" + file.toAbsolutePath() + ":uptime,level,tags";
	}

	/** The file an option of {@link #option} names, or {@code null} for any other option. */
	static Path fileOf(String option) {
		if (!option.startsWith("-Xlog:gc") || !option.contains(":file=")) {
			return null;
		}
		String rest = option.substring(option.indexOf(":file=") + 6);
		int colon = rest.indexOf(':');
		return Path.of((colon < 0) ? rest : rest.substring(0, colon));
	}

	static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The pauses logged between byte {@code from} and byte {@code to} of {@code file}. */
	static Pauses between(Path file, long from, long to) {
		if (to <= from) {
			return new Pauses(0, 0, 0);
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			byte[] bytes = new byte[(int) (to - from)];
			in.seek(from);
			in.readFully(bytes);
			long count = 0;
			long total = 0;
			long max = 0;
			for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
				Matcher matcher = PAUSE.matcher(line);
				if (matcher.find()) {
					long micros = Math.round(Double.parseDouble(matcher.group(1)) * 1000);
					count++;
					total += micros;
					max = Math.max(max, micros);
				}
			}
			return new Pauses(count, total, max);
		}
		catch (IOException ex) {
			return new Pauses(-1, 0, 0);
		}
	}

	/** GC pauses: how many (-1 when there was no log), their total and the longest, in µs. */
	record Pauses(long count, long totalMicros, long maxMicros) {

		Pauses plus(Pauses other) {
			if (this.count < 0) {
				return other;
			}
			if (other.count < 0) {
				return this;
			}
			return new Pauses(this.count + other.count, this.totalMicros + other.totalMicros,
					Math.max(this.maxMicros, other.maxMicros));
		}

	}

}
