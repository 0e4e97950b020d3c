package dev.realtime.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local Redis Cluster of three masters, each a {@code redis-server --cluster-enabled yes} of
 * the test's own on a free port, joined with {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements AutoCloseable {

	private static final Duration READY = Duration.ofSeconds(20);

	private final List<RedisServer> servers = new ArrayList<>();

	private RedisCluster() {
	}

	public static RedisCluster start() {
		RedisCluster cluster = new RedisCluster();
		try {
			for (int i = 0; i < 3; i++) {
				cluster.servers.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
						"--cluster-node-timeout", "2000"));
			}
			List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			cluster.servers.forEach((server) -> command.add("127.0.0.1:" + server.port()));
			command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			run(command);
			cluster.awaitReady();
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			cluster.close();
			throw new IllegalStateException("Could not start a local Redis Cluster", ex);
		}
	}

	/** A seed node's URI: the client discovers the others. */
	public String uri() {
		return this.servers.get(0).uri();
	}

	private void awaitReady() throws IOException {
		long deadline = System.nanoTime() + READY.toNanos();
		while (System.nanoTime() < deadline) {
			boolean ready = true;
			for (RedisServer server : this.servers) {
				String info = run(List.of("redis-cli", "-p", String.valueOf(server.port()), "cluster", "info"));
				ready &= info.contains("cluster_state:ok");
			}
			if (ready) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		throw new IOException("The cluster was not ready within " + READY);
	}

	private static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (process.waitFor() != 0) {
				throw new IOException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		return output;
	}

	@Override
	public void close() {
		this.servers.forEach(RedisServer::close);
	}

}
