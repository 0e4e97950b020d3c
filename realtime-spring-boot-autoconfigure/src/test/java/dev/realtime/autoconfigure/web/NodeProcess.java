package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of the test application in a JVM of its own: one a test can kill as an orchestrator or
 * the kernel's OOM killer does (SIGKILL: no shutdown hook, no drain, no close frame), or whose
 * event loops and heap the test's own clients must not share.
 */
final class NodeProcess implements AutoCloseable {

	private static final String LISTENING = "test node listening on port ";

	/**
	 * The collector the README recommends for nodes that must stay responsive: G1's young pauses
	 * grow with what a storm of new connections keeps (50-130 ms here), ZGC's do not.
	 */
	private static final List<String> COLLECTOR = List.of("-XX:+UseZGC");

	private final Process process;

	private final int port;

	private NodeProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts a node of {@code cluster}'s in a new JVM, with {@code properties}, and waits until it listens. */
	static NodeProcess start(RedisNodes cluster, String... properties) throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Process process = TestJvm.start(NodeProcess.class, "1g", COLLECTOR, List.of(cluster.arguments(properties)),
				(line) -> {
					if (line.startsWith(LISTENING)) {
						port.complete(Integer.parseInt(line.substring(LISTENING.length())));
					}
				});
		process.onExit().thenRun(() -> port.completeExceptionally(new IllegalStateException("the node process ended")));
		try {
			return new NodeProcess(process, port.get(60, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	URI ws(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	/** SIGKILL (what {@link Process#destroyForcibly()} sends on Unix), and waits until the process is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class).run(args);
		System.out.println(LISTENING + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
