package dev.realtime.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from {@code /proc}: the figures DESIGN §3.6
 * budgets are user+sys CPU of the server process, whatever thread spent it (event loops,
 * publisher, GC, JIT).
 */
final class ProcStat {

	/** Kernel clock ticks per second in {@code /proc/<pid>/stat}; 100 on every Linux we run. */
	private static final long TICKS_PER_SECOND = 100;

	private ProcStat() {
	}

	/** User plus system CPU time of {@code pid}, in nanoseconds (10 ms resolution). */
	static long cpuNanos(long pid) {
		String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
		// The command name may hold spaces: fields are counted after its closing parenthesis.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1_000_000_000L / TICKS_PER_SECOND;
	}

	/** Resident set size of {@code pid}, in bytes. */
	static long rssBytes(long pid) {
		for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IllegalStateException("No VmRSS for " + pid);
	}

	/** CPU time every process of the machine spent, in nanoseconds: all of {@code /proc/stat} but idle and iowait. */
	static long machineBusyNanos() {
		String cpu = read(Path.of("/proc/stat")).lines().filter((line) -> line.startsWith("cpu ")).findFirst().orElseThrow();
		String[] fields = cpu.substring(4).trim().split("\\s+");
		long busy = 0;
		for (int i = 0; i < Math.min(fields.length, 8); i++) {
			if (i != 3 && i != 4) {
				busy += Long.parseLong(fields[i]);
			}
		}
		return busy * 1_000_000_000L / TICKS_PER_SECOND;
	}

	static long selfPid() {
		return ProcessHandle.current().pid();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + path, ex);
		}
	}

}
