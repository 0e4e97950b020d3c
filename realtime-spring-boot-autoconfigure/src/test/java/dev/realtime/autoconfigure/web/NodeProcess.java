package dev.realtime.autoconfigure.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of the test application in a JVM of its own, so that a test can kill it as an
 * orchestrator or the kernel's OOM killer does: with SIGKILL, no shutdown hook, no drain, no
 * close frame.
 */
final class NodeProcess implements AutoCloseable {

	private static final String LISTENING = "test node listening on port ";

	private final Process process;

	private final int port;

	private NodeProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts a node of {@code cluster}'s in a new JVM, with {@code properties}, and waits until it listens. */
	static NodeProcess start(RedisNodes cluster, String... properties) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), NodeProcess.class.getName()));
		command.addAll(List.of(cluster.arguments(properties)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread output = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					System.out.println("[node process] " + line);
					if (line.startsWith(LISTENING)) {
						port.complete(Integer.parseInt(line.substring(LISTENING.length())));
					}
				}
				port.completeExceptionally(new IllegalStateException("the node process ended before it listened"));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "node process output");
		output.setDaemon(true);
		output.start();
		try {
			return new NodeProcess(process, port.get(60, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
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
