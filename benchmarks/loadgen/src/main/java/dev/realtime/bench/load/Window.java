package dev.realtime.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Measures one window: waits until no traffic is in flight, starts the server's publisher, waits
 * for it to finish and for its deliveries to arrive (or stop arriving), and reads latency,
 * counts and both processes' CPU time.
 */
final class Window {

	/** Longest wait for the last deliveries once publishing stopped. */
	private static final long DRAIN_MILLIS = 3000;

	/** Deliveries stopped arriving if none came for this long. */
	private static final long STALL_MILLIS = 1000;

	private Window() {
	}

	/**
	 * @param roomPrefix the room, or with {@code rooms > 1} the prefix of rooms {@code prefix0…}
	 * @param subscribersPerRoom subscribers of each room, every room being the same size
	 * @param closed connections closed so far, to count losses during the window
	 */
	static WindowResult measure(ServerProcess server, Deliveries deliveries, LongSupplier closed, String roomPrefix,
			int rooms, long subscribersPerRoom, double rate, double seconds, int size) throws InterruptedException {
		return measure(server, deliveries, closed, roomPrefix, rooms, subscribersPerRoom, rate, seconds, size, false);
	}

	/** As above; with {@code document}, each publication is a realistic JSON document of about {@code size} bytes. */
	static WindowResult measure(ServerProcess server, Deliveries deliveries, LongSupplier closed, String roomPrefix,
			int rooms, long subscribersPerRoom, double rate, double seconds, int size, boolean document)
			throws InterruptedException {
		return measure(List.of(server), 1, null, deliveries, closed, roomPrefix, rooms, subscribersPerRoom, rate,
				seconds, size, document).window();
	}

	/** A cluster window in which the first node publishes. */
	static ClusterWindowResult measure(List<ServerProcess> servers, @Nullable RedisProcess redis, Deliveries deliveries,
			LongSupplier closed, String roomPrefix, int rooms, long subscribersPerRoom, double rate, double seconds,
			int size) throws InterruptedException {
		return measure(servers, 1, redis, deliveries, closed, roomPrefix, rooms, subscribersPerRoom, rate, seconds,
				size, false);
	}

	/**
	 * One window of a cluster: the first {@code publishers} of {@code servers} publish, each
	 * {@code rate / publishers} ticks/s numbered from a range of its own, every one of them
	 * delivers to its own subscribers, and {@code redis}, if any, carries publications between
	 * them. Server CPU, GC time and GC pauses (from servers started with a GC log) are summed
	 * over every server; Redis's CPU and the commands it ran in the window are reported apart.
	 * @param subscribersPerRoom subscribers of each room over every server
	 */
	static ClusterWindowResult measure(List<ServerProcess> servers, int publishers, @Nullable RedisProcess redis,
			Deliveries deliveries, LongSupplier closed, String roomPrefix, int rooms, long subscribersPerRoom,
			double rate, double seconds, int size, boolean document) throws InterruptedException {
		awaitQuiet(deliveries);
		List<Long> pids = new ArrayList<>();
		servers.forEach((server) -> pids.add(server.pid()));
		if (redis != null) {
			pids.add(redis.pid());
		}
		pids.add(ProcStat.selfPid());
		QuietMachine.await(pids.stream().mapToLong(Long::longValue).toArray());
		long closedBefore = closed.getAsLong();
		long[] gcLogBefore = servers.stream().mapToLong((server) -> (server.gcLog() != null) ? GcLog.size(server.gcLog()) : 0)
			.toArray();
		long wireBefore = deliveries.wireBytes();
		deliveries.startRecording();
		long gcBefore = gcMillis(servers);
		Map<String, Long> callsBefore = (redis != null) ? redis.calls() : Map.of();
		long redisCpu = (redis != null) ? redis.cpuNanos() : 0;
		long serverCpu = cpuNanos(servers);
		long clientCpu = ProcStat.cpuNanos(ProcStat.selfPid());
		long machineCpu = ProcStat.machineBusyNanos();
		long started = System.nanoTime();
		for (int i = 0; i < publishers; i++) {
			servers.get(i).startPublisher(roomPrefix, rooms, rate / publishers, seconds, size,
					i * Deliveries.ConnectionOrder.PUBLISHER_RANGE, document);
		}
		Thread.sleep((long) (seconds * 1000));
		long published = 0;
		long lag = 0;
		for (int i = 0; i < publishers; i++) {
			Map<String, String> status = awaitPublisher(servers.get(i), seconds);
			published += Long.parseLong(status.get("published"));
			lag = Math.max(lag, Long.parseLong(status.get("maxLagMicros")));
		}
		long expected = published * subscribersPerRoom;
		awaitDrain(deliveries, expected);
		long wireBytes = deliveries.wireBytes() - wireBefore;
		GcLog.Pauses pauses = new GcLog.Pauses(-1, 0, 0);
		for (int i = 0; i < servers.size(); i++) {
			Path gcLog = servers.get(i).gcLog();
			if (gcLog != null) {
				pauses = pauses.plus(GcLog.between(gcLog, gcLogBefore[i], GcLog.size(gcLog)));
			}
		}
		serverCpu = cpuNanos(servers) - serverCpu;
		clientCpu = ProcStat.cpuNanos(ProcStat.selfPid()) - clientCpu;
		machineCpu = ProcStat.machineBusyNanos() - machineCpu;
		redisCpu = (redis != null) ? redis.cpuNanos() - redisCpu : 0;
		RedisUsage usage = (redis != null) ? RedisUsage.between(callsBefore, redis.calls(), redisCpu) : null;
		long elapsed = System.nanoTime() - started;
		Histogram latency = deliveries.stopRecording();
		WindowResult window = new WindowResult(rate, seconds, published, expected, deliveries.received(),
				deliveries.outOfOrder(), closed.getAsLong() - closedBefore, latency.getValueAtPercentile(50),
				latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(), serverCpu,
				clientCpu, lag, Math.max(0, machineCpu - serverCpu - clientCpu - redisCpu), elapsed,
				gcMillis(servers) - gcBefore, wireBytes, pauses.count(), pauses.totalMicros(), pauses.maxMicros());
		return new ClusterWindowResult(window, usage);
	}

	private static long cpuNanos(List<ServerProcess> servers) {
		long total = 0;
		for (ServerProcess server : servers) {
			total += server.cpuNanos();
		}
		return total;
	}

	private static long gcMillis(List<ServerProcess> servers) {
		long total = 0;
		for (ServerProcess server : servers) {
			total += Long.parseLong(server.status().get("gcMillis"));
		}
		return total;
	}

	private static Map<String, String> awaitPublisher(ServerProcess server, double seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) seconds + 30);
		while (true) {
			Map<String, String> status = server.status();
			if (!Boolean.parseBoolean(status.get("running")) || System.nanoTime() > deadline) {
				return status;
			}
			Thread.sleep(50);
		}
	}

	private static void awaitDrain(Deliveries deliveries, long expected) throws InterruptedException {
		long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
		long last = deliveries.received();
		long lastChange = System.currentTimeMillis();
		while (deliveries.received() < expected && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
			long now = deliveries.received();
			if (now != last) {
				last = now;
				lastChange = System.currentTimeMillis();
			}
			else if (System.currentTimeMillis() - lastChange > STALL_MILLIS) {
				return;
			}
		}
	}

	/** Waits until nothing arrived for 300 ms, so a window never counts its predecessor's tail. */
	static void awaitQuiet(Deliveries deliveries) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 15_000;
		long last = -1;
		while (System.currentTimeMillis() < deadline) {
			long now = deliveries.seen();
			if (now == last) {
				return;
			}
			last = now;
			Thread.sleep(300);
		}
	}

}
