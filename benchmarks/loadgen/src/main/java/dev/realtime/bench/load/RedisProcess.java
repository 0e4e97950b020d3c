package dev.realtime.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the benchmark's own, on a free loopback port, without persistence,
 * started for one configuration and stopped after it: never the machine's shared Redis, whose
 * traffic would count in {@code INFO commandstats} and whose CPU is not ours to measure.
 * <p>
 * The load generator talks to it with a few lines of RESP over a socket ({@code PING},
 * {@code INFO commandstats}): it needs nothing more, and a Redis client library in the load
 * generator would be one more thing sharing its two cores.
 */
final class RedisProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private RedisProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts {@code redis-server} (from the {@code PATH}) and waits until it answers {@code PING}. */
	static RedisProcess start(Path logs) throws IOException, InterruptedException {
		int port = ServerProcess.freePort();
		Files.createDirectories(logs);
		Path log = logs.resolve("redis-" + port + "-" + System.currentTimeMillis() + ".log");
		Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		RedisProcess redis = new RedisProcess(process, port, log);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("redis-server exited at start, see " + log);
			}
			try {
				if (redis.command("PING").startsWith("PONG")) {
					return redis;
				}
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		redis.close();
		throw new IllegalStateException("redis-server did not answer in 20 s, see " + log);
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	long cpuNanos() {
		return ProcStat.cpuNanos(pid());
	}

	/**
	 * Calls of each command since Redis started, from {@code INFO commandstats}
	 * ({@code cmdstat_evalsha:calls=12,usec=…}): command name, lower case, to calls. The
	 * {@code INFO} that asks counts itself.
	 */
	Map<String, Long> calls() {
		try {
			Map<String, Long> calls = new TreeMap<>();
			for (String line : command("INFO", "commandstats").split("\r\n")) {
				if (line.startsWith("cmdstat_")) {
					String name = line.substring("cmdstat_".length(), line.indexOf(':'));
					int from = line.indexOf("calls=") + "calls=".length();
					int to = line.indexOf(',', from);
					calls.put(name, Long.parseLong(line.substring(from, (to < 0) ? line.length() : to)));
				}
			}
			return calls;
		}
		catch (IOException ex) {
			throw new IllegalStateException("INFO commandstats failed: " + ex, ex);
		}
	}

	/** One command on a connection of its own; the reply's text (a bulk or simple string). */
	private String command(String... args) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
			for (String arg : args) {
				request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String header = readLine(in);
			if (header.startsWith("+")) {
				return header.substring(1);
			}
			if (!header.startsWith("$")) {
				throw new IOException("unexpected reply " + header);
			}
			byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
