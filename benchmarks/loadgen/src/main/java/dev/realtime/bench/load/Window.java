package dev.realtime.bench.load;

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
		return measure(List.of(server), null, deliveries, closed, roomPrefix, rooms, subscribersPerRoom, rate, seconds,
				size).window();
	}

	/**
	 * One window of a cluster: the first of {@code servers} publishes, every one of them delivers
	 * to its own subscribers, and {@code redis}, if any, carries publications between them.
	 * Server CPU and GC time are summed over every server; Redis's CPU and the commands it ran
	 * in the window are reported apart.
	 * @param subscribersPerRoom subscribers of each room over every server
	 */
	static ClusterWindowResult measure(List<ServerProcess> servers, @Nullable RedisProcess redis, Deliveries deliveries,
			LongSupplier closed, String roomPrefix, int rooms, long subscribersPerRoom, double rate, double seconds,
			int size) throws InterruptedException {
		ServerProcess publisher = servers.get(0);
		awaitQuiet(deliveries);
		List<Long> pids = new ArrayList<>();
		servers.forEach((server) -> pids.add(server.pid()));
		if (redis != null) {
			pids.add(redis.pid());
		}
		pids.add(ProcStat.selfPid());
		QuietMachine.await(pids.stream().mapToLong(Long::longValue).toArray());
		long closedBefore = closed.getAsLong();
		deliveries.startRecording();
		long gcBefore = gcMillis(servers);
		Map<String, Long> callsBefore = (redis != null) ? redis.calls() : Map.of();
		long redisCpu = (redis != null) ? redis.cpuNanos() : 0;
		long serverCpu = cpuNanos(servers);
		long clientCpu = ProcStat.cpuNanos(ProcStat.selfPid());
		long machineCpu = ProcStat.machineBusyNanos();
		long started = System.nanoTime();
		publisher.startPublisher(roomPrefix, rooms, rate, seconds, size);
		Thread.sleep((long) (seconds * 1000));
		Map<String, String> status = awaitPublisher(publisher, seconds);
		long published = Long.parseLong(status.get("published"));
		long expected = published * subscribersPerRoom;
		awaitDrain(deliveries, expected);
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
				clientCpu, Long.parseLong(status.get("maxLagMicros")),
				Math.max(0, machineCpu - serverCpu - clientCpu - redisCpu), elapsed, gcMillis(servers) - gcBefore);
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
