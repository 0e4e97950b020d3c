package dev.realtime.bench.common;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The side door through which the load generator drives a server under test, on a port of its
 * own so that control traffic never shares the server's event loops:
 * <ul>
 * <li>{@code POST /start?room=r&rooms=1&rate=10&seconds=10&size=100} starts a {@link RatePublisher}
 * ({@code rooms > 1} publishes to {@code r0 … r(rooms-1)} at random; {@code seqBase=N} numbers
 * ticks from N; {@code shape=json} publishes a realistic {@link Document} of about {@code size}
 * bytes instead of a padded tick);</li>
 * <li>{@code GET /status}: whether it still runs, ticks published, worst lag, GC count and time;</li>
 * <li>{@code GET /counts}: connections and subscriptions;</li>
 * <li>{@code POST /gc}: a full GC, then heap used (what stays is live), direct memory.</li>
 * </ul>
 * Answers are {@code key=value} lines. Every server binds it to 127.0.0.1.
 */
public final class ControlServer {

	private final ServerUnderTest server;

	private volatile RatePublisher publisher;

	private volatile Thread publisherThread;

	private ControlServer(ServerUnderTest server) {
		this.server = server;
	}

	/** Serves {@code server}'s control port on 127.0.0.1:{@code port}. */
	public static void start(ServerUnderTest server, int port) throws IOException {
		ControlServer control = new ControlServer(server);
		HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
		http.createContext("/start", (exchange) -> control.answer(exchange, control.startPublisher(exchange.getRequestURI())));
		http.createContext("/status", (exchange) -> control.answer(exchange, control.status()));
		http.createContext("/counts", (exchange) -> control.answer(exchange, control.counts()));
		http.createContext("/gc", (exchange) -> control.answer(exchange, control.gc()));
		http.start();
		System.out.println("control port " + port + " ready");
	}

	private synchronized Map<String, Object> startPublisher(URI uri) {
		Map<String, String> query = query(uri);
		if (this.publisher != null) {
			this.publisher.stop();
		}
		String room = query.getOrDefault("room", "r");
		int rooms = Integer.parseInt(query.getOrDefault("rooms", "1"));
		String[] names = (rooms == 1) ? new String[] { room }
				: IntStream.range(0, rooms).mapToObj((i) -> room + i).toArray(String[]::new);
		RatePublisher next = new RatePublisher(this.server, names, Double.parseDouble(query.getOrDefault("rate", "10")),
				Double.parseDouble(query.getOrDefault("seconds", "10")), Integer.parseInt(query.getOrDefault("size", "100")),
				Long.parseLong(query.getOrDefault("seqBase", "0")), "json".equals(query.get("shape")));
		Thread thread = new Thread(next, "bench-publisher");
		thread.setDaemon(true);
		thread.start();
		this.publisher = next;
		this.publisherThread = thread;
		return Map.of("started", true);
	}

	private Map<String, Object> status() {
		RatePublisher current = this.publisher;
		Thread thread = this.publisherThread;
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("running", thread != null && thread.isAlive());
		status.put("published", (current != null) ? current.published() : 0);
		status.put("maxLagMicros", (current != null) ? current.maxLagMicros() : 0);
		long collections = 0;
		long collectionMillis = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections += Math.max(0, gc.getCollectionCount());
			collectionMillis += Math.max(0, gc.getCollectionTime());
		}
		status.put("gcCount", collections);
		status.put("gcMillis", collectionMillis);
		return status;
	}

	private Map<String, Object> counts() {
		return Map.of("connections", this.server.connections(), "subscriptions", this.server.subscriptions());
	}

	private Map<String, Object> gc() {
		// Twice: the first full GC may leave objects whose finalization frees more.
		System.gc();
		System.gc();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("heapUsed", memory.getHeapMemoryUsage().getUsed());
		result.put("nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed());
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			result.put("bufferPool." + pool.getName(), pool.getMemoryUsed());
		}
		result.putAll(this.server.memoryDetails());
		return result;
	}

	private void answer(HttpExchange exchange, Map<String, ?> values) throws IOException {
		byte[] body = values.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		String raw = uri.getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		return query;
	}

}
