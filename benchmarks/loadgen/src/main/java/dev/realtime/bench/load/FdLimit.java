package dev.realtime.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-files limit this process (and every server it starts, which inherits it) runs under.
 * Each connection is a descriptor in the server and one in the load generator, so the limit caps
 * the connection counts; {@code run.sh} raises it as far as the machine lets it.
 */
final class FdLimit {

	/** Descriptors a JVM holds besides connections: jars, epoll, pipes, the control port. */
	private static final int RESERVED = 500;

	private FdLimit() {
	}

	/** The soft limit on open files, from {@code /proc/self/limits}. */
	static long openFiles() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
					return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: no cap we know of.
		}
		return Long.MAX_VALUE;
	}

	/** The most connections a scenario can open: {@code wanted}, or fewer if the limit says so. */
	static int cap(int wanted) {
		long limit = openFiles();
		return (int) Math.min(wanted, Math.max(0, (limit - RESERVED) / 500 * 500));
	}

}
