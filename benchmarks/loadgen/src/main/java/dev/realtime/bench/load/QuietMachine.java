package dev.realtime.bench.load;

/**
 * Waits, before a window, until other processes leave the machine alone. The benchmark shares 2
 * cores with whatever else runs (other builds on a shared machine); a window measured while a
 * compiler takes a core measures the compiler. The wait is bounded: after it, the window runs
 * anyway and reports the CPU others took ({@link WindowResult#otherCores()}).
 */
final class QuietMachine {

	/** Others may use this many cores' worth of CPU and the machine still counts as quiet. */
	private static final double THRESHOLD_CORES = 0.2;

	private static final long MAX_WAIT_MILLIS = 180_000;

	private QuietMachine() {
	}

	/** Waits until one second passes in which processes other than {@code pids} use little CPU. */
	static void await(long... pids) throws InterruptedException {
		long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
		boolean told = false;
		while (true) {
			double others = othersCores(pids);
			if (others <= THRESHOLD_CORES) {
				if (told) {
					System.out.println("  machine quiet again");
				}
				return;
			}
			if (System.currentTimeMillis() > deadline) {
				System.out.printf("  machine still busy (%.2f cores taken by other processes): measuring anyway%n", others);
				return;
			}
			if (!told) {
				System.out.printf("  other processes take %.2f cores: waiting for a quiet machine%n", others);
				told = true;
			}
		}
	}

	private static double othersCores(long... pids) throws InterruptedException {
		long ours = 0;
		for (long pid : pids) {
			ours += ProcStat.cpuNanos(pid);
		}
		long machine = ProcStat.machineBusyNanos();
		long start = System.nanoTime();
		Thread.sleep(1000);
		long oursAfter = 0;
		for (long pid : pids) {
			oursAfter += ProcStat.cpuNanos(pid);
		}
		long others = (ProcStat.machineBusyNanos() - machine) - (oursAfter - ours);
		return (double) others / (System.nanoTime() - start);
	}

}
