package dev.realtime.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The servers under test, each an executable jar of its own module, but for the Socket.IO
 * baseline: a Node.js script with its {@code node_modules}.
 */
enum ServerKind {

	/** Ours: the realtime starter in a plain Boot app. */
	REALTIME("ours", "server-realtime", "/realtime/ws", WireProtocol.JSON, "/realtime/sse"),

	/**
	 * Ours as built from an earlier commit ({@code --baseline=<its benchmarks folder>}), run
	 * beside today's in the same run: a before/after comparison on the same machine and load.
	 */
	BASELINE("ours, baseline build", "server-realtime", "/realtime/ws", WireProtocol.JSON, "/realtime/sse"),

	/** The ceiling: Reactor Netty broadcasting pre-encoded frames, no framework. */
	RAW("raw Reactor Netty", "server-raw", "/ws", WireProtocol.JSON, "/sse"),

	/** What Spring users run today: STOMP over WebSocket with the simple broker, on Tomcat. */
	STOMP("STOMP simple broker", "server-stomp", "/stomp", WireProtocol.STOMP, null),

	/**
	 * What Node.js users scale out with: Socket.IO 4.8, with {@code @socket.io/redis-adapter} when
	 * given {@code redis-port=N}, else its in-memory adapter. Measured in the cluster scenario.
	 */
	SOCKETIO("Socket.IO 4.8", "server-socketio", "/socket.io/?EIO=4&transport=websocket", WireProtocol.SOCKETIO,
			null);

	private final String label;

	private final String module;

	private final String webSocketPath;

	private final WireProtocol protocol;

	private final @Nullable String ssePath;

	ServerKind(String label, String module, String webSocketPath, WireProtocol protocol, @Nullable String ssePath) {
		this.label = label;
		this.module = module;
		this.webSocketPath = webSocketPath;
		this.protocol = protocol;
		this.ssePath = ssePath;
	}

	String label() {
		return this.label;
	}

	String module() {
		return this.module;
	}

	String webSocketPath() {
		return this.webSocketPath;
	}

	WireProtocol protocol() {
		return this.protocol;
	}

	@Nullable String ssePath() {
		return this.ssePath;
	}

	/** Where the baseline build's benchmarks folder is, set from {@code --baseline}. */
	static final String BASELINE_PROPERTY = "bench.baseline";

	/** The server's jar: built under {@code benchmarks}, or for the baseline under its own folder. */
	Path jar(Path benchmarks) {
		Path root = (this == BASELINE) ? Path.of(System.getProperty(BASELINE_PROPERTY, "")) : benchmarks;
		return root.resolve(this.module).resolve("target").resolve(this.module + ".jar");
	}

	/** Whether the server is a Node.js script ({@code server.js} in its module) rather than a jar. */
	boolean isNode() {
		return this == SOCKETIO;
	}

	/** Program arguments that put the server on {@code port} and its control on {@code controlPort}. */
	List<String> arguments(int port, int controlPort, List<String> properties) {
		List<String> args = new ArrayList<>();
		if (this == SOCKETIO) {
			args.add("--port=" + port);
			args.add("--control-port=" + controlPort);
			properties.forEach((property) -> args.add("--" + property));
			return args;
		}
		if (this == RAW) {
			args.add(Integer.toString(port));
			args.add(Integer.toString(controlPort));
			return args;
		}
		args.add("--server.port=" + port);
		args.add("--bench.control-port=" + controlPort);
		properties.forEach((property) -> args.add("--" + property));
		return args;
	}

}
