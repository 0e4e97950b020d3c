package dev.realtime.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in a JVM of its own, with the heap and collector every server gets,
 * driven over its control port and observed through {@code /proc}.
 */
final class ServerProcess implements AutoCloseable {

	/** The same for every server: a fixed 1 GB heap, the throughput collector, no surprises. */
	static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
			"-XX:+ExitOnOutOfMemoryError", "-Dio.netty.leakDetection.level=disabled");

	private static final HttpClient CONTROL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ServerKind kind;

	private final Process process;

	private final int port;

	private final int controlPort;

	private final Path log;

	private Path gcLog;

	private ServerProcess(ServerKind kind, Process process, int port, int controlPort, Path log) {
		this.kind = kind;
		this.process = process;
		this.port = port;
		this.controlPort = controlPort;
		this.log = log;
	}

	/**
	 * Starts {@code kind} from its jar under {@code jars} and waits until its control port answers.
	 * @param extraJvmOptions added after {@link #JVM_OPTIONS} (a flight recording, say)
	 * @param properties Spring properties ({@code name=value}) for the Boot servers
	 */
	static ServerProcess start(ServerKind kind, Path jars, Path logs, List<String> extraJvmOptions,
			List<String> properties) throws IOException, InterruptedException {
		int port = freePort();
		int controlPort = freePort();
		List<String> command = kind.isNode() ? nodeCommand(kind, jars) : javaCommand(kind, jars, extraJvmOptions);
		command.addAll(kind.arguments(port, controlPort, properties));
		Files.createDirectories(logs);
		Path log = logs.resolve(kind.module() + "-" + System.currentTimeMillis() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(kind, process, port, controlPort, log);
		extraJvmOptions.stream().map(GcLog::fileOf).filter(java.util.Objects::nonNull).findFirst()
			.ifPresent((file) -> server.gcLog = file);
		server.awaitReady();
		return server;
	}

	private static List<String> javaCommand(ServerKind kind, Path jars, List<String> extraJvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.addAll(extraJvmOptions);
		// For diagnosis: -Dbench.serverJvm="-Xlog:gc:file=/tmp/gc.log" adds options to every server.
		String diagnostic = System.getProperty("bench.serverJvm", "").trim();
		if (!diagnostic.isEmpty()) {
			command.addAll(List.of(diagnostic.split("\\s+")));
		}
		command.add("-jar");
		command.add(kind.jar(jars).toString());
		return command;
	}

	/**
	 * {@code node} from the {@code PATH} on the module's {@code server.js}, with the same 1 GB
	 * heap ceiling as the JVMs and {@code global.gc} for the control port's {@code /gc}.
	 */
	private static List<String> nodeCommand(ServerKind kind, Path benchmarks) {
		Path module = benchmarks.resolve(kind.module());
		if (!Files.isDirectory(module.resolve("node_modules"))) {
			throw new IllegalStateException(module + "/node_modules is missing: run `npm ci` there (run.sh does)");
		}
		return new ArrayList<>(List.of("node", "--expose-gc", "--max-old-space-size=1024",
				module.resolve("server.js").toString()));
	}

	private void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.kind + " exited at start, see " + this.log);
			}
			try {
				control("GET", "/counts");
				return;
			}
			catch (IllegalStateException ex) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException(this.kind + " did not start in 90 s, see " + this.log);
	}

	ServerKind kind() {
		return this.kind;
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

	long rssBytes() {
		return ProcStat.rssBytes(pid());
	}

	/** Starts the server's publisher: {@code rate} ticks/s for {@code seconds} into {@code rooms}. */
	void startPublisher(String room, int rooms, double rate, double seconds, int size) {
		startPublisher(room, rooms, rate, seconds, size, 0, false);
	}

	/**
	 * As above, numbering ticks from {@code seqBase}, and with {@code document} a realistic JSON
	 * document of about {@code size} bytes instead of a padded tick.
	 */
	void startPublisher(String room, int rooms, double rate, double seconds, int size, long seqBase,
			boolean document) {
		control("POST", "/start?room=" + room + "&rooms=" + rooms + "&rate=" + rate + "&seconds=" + seconds
				+ "&size=" + size + "&seqBase=" + seqBase + (document ? "&shape=json" : ""));
	}

	/** The server's GC log, when it was started with {@link GcLog#option}; else {@code null}. */
	Path gcLog() {
		return this.gcLog;
	}

	Map<String, String> status() {
		return control("GET", "/status");
	}

	long subscriptions() {
		return Long.parseLong(control("GET", "/counts").get("subscriptions"));
	}

	long connections() {
		return Long.parseLong(control("GET", "/counts").get("connections"));
	}

	/** Runs a full GC in the server and returns what its heap and buffer pools hold after it. */
	Map<String, String> gc() {
		return control("POST", "/gc");
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	/** Why the server died, from the last error line of its log; empty while it lives. */
	String deathNote() {
		if (this.process.isAlive()) {
			return "";
		}
		try {
			List<String> lines = Files.readAllLines(this.log);
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (lines.get(i).contains("Error") || lines.get(i).contains("Exception")) {
					return "server exited: " + lines.get(i).trim();
				}
			}
			return "server exited with " + this.process.exitValue();
		}
		catch (IOException ex) {
			return "server exited";
		}
	}

	private Map<String, String> control(String method, String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.controlPort + pathAndQuery))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60))
			.build();
		try {
			String body = CONTROL.send(request, HttpResponse.BodyHandlers.ofString()).body();
			Map<String, String> values = new LinkedHashMap<>();
			for (String line : body.split("\n")) {
				int eq = line.indexOf('=');
				if (eq > 0) {
					values.put(line.substring(0, eq), line.substring(eq + 1));
				}
			}
			return values;
		}
		catch (IOException ex) {
			throw new IllegalStateException("control " + pathAndQuery + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
