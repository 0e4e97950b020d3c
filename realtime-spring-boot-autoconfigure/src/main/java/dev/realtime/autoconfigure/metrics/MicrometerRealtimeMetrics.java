package dev.realtime.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.metrics.RealtimeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link RealtimeMetrics} as Micrometer meters:
 * <ul>
 * <li>{@code realtime.connections} (gauge, tag {@code transport}): open connections;</li>
 * <li>{@code realtime.messages.published}, {@code realtime.messages.delivered} (counters);</li>
 * <li>{@code realtime.messages.dropped} (counter, tag {@code reason});</li>
 * <li>{@code realtime.errors} (counter, tag {@code code}): error frames sent;</li>
 * <li>{@code realtime.handshakes.rejected} (counter, tag {@code reason});</li>
 * <li>{@code realtime.delivery.latency} (timer): from encoding a publication on this node to
 * writing it to a connection's socket, once per fan-out task;</li>
 * <li>{@code realtime.broker.failures} (counter).</li>
 * <li>{@code realtime.resyncs} (counter).</li>
 * <li>{@code realtime.shutdown.drained} (counter): connections closed by the drain as the
 * node stopped; {@code realtime.shutdown.drain} (timer): how long the drain took.</li>
 * </ul>
 */
public class MicrometerRealtimeMetrics implements RealtimeMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

	private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

	private final Map<String, Counter> errors = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private final Counter published;

	private final Counter delivered;

	private final Counter brokerFailures;

	private final Counter resyncs;

	private final Timer latency;

	private final Counter drained;

	private final Timer drain;

	public MicrometerRealtimeMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.published = Counter.builder("realtime.messages.published")
			.description("Publications made on this node")
			.register(registry);
		this.delivered = Counter.builder("realtime.messages.delivered")
			.description("Publications written to a connection")
			.register(registry);
		this.brokerFailures = Counter.builder("realtime.broker.failures")
			.description("Publications the broker failed to carry")
			.register(registry);
		this.resyncs = Counter.builder("realtime.resyncs")
			.description("Times a room's members were told to resync: publications lost on the way")
			.register(registry);
		this.drained = Counter.builder("realtime.shutdown.drained")
			.description("Connections closed by the drain as the node stopped")
			.register(registry);
		this.drain = Timer.builder("realtime.shutdown.drain")
			.description("Time the drain took, from the first batch to the last close")
			.register(registry);
		this.latency = Timer.builder("realtime.delivery.latency")
			.description("Time from encoding a publication to writing it to a connection")
			.register(registry);
		connections("websocket");
		connections("sse");
	}

	@Override
	public void connectionOpened(String transport) {
		connections(transport).incrementAndGet();
	}

	@Override
	public void connectionClosed(String transport) {
		connections(transport).decrementAndGet();
	}

	@Override
	public void published() {
		this.published.increment();
	}

	@Override
	public void delivered(int count, long latencyNanos) {
		if (count > 0) {
			this.delivered.increment(count);
			this.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void dropped(String reason, int count) {
		counter(this.dropped, "realtime.messages.dropped", "reason", reason, "Frames not delivered")
			.increment(count);
	}

	@Override
	public void error(String code) {
		counter(this.errors, "realtime.errors", "code", code, "Error frames sent to clients").increment();
	}

	@Override
	public void handshakeRejected(String reason) {
		counter(this.rejected, "realtime.handshakes.rejected", "reason", reason, "Handshakes refused")
			.increment();
	}

	@Override
	public void brokerFailure() {
		this.brokerFailures.increment();
	}

	@Override
	public void resync() {
		this.resyncs.increment();
	}

	@Override
	public void drained(int connections, long nanos) {
		this.drained.increment(connections);
		this.drain.record(nanos, TimeUnit.NANOSECONDS);
	}

	private AtomicInteger connections(String transport) {
		return this.connections.computeIfAbsent(transport, (key) -> {
			AtomicInteger count = new AtomicInteger();
			Gauge.builder("realtime.connections", count, AtomicInteger::get)
				.description("Open connections")
				.tag("transport", key)
				.register(this.registry);
			return count;
		});
	}

	private Counter counter(Map<String, Counter> counters, String name, String tag, String value,
			String description) {
		return counters.computeIfAbsent(value,
				(key) -> Counter.builder(name).description(description).tag(tag, key).register(this.registry));
	}

}
