package dev.realtime.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} process of a test's own, on a free port, which the test may kill and
 * start again: the machines that run these tests have the binary (CI installs it) but no Docker
 * daemon. Never the shared server on 6379: a test must not see, or wipe, anyone else's data.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(10);

	private final int port;

	private final Path directory;

	private final List<String> extraArguments;

	private Process process;

	private RedisServer(int port, List<String> extraArguments) throws IOException {
		this.port = port;
		this.extraArguments = extraArguments;
		this.directory = Files.createTempDirectory("redis-" + port);
		start();
	}

	/** A new server on a free port. */
	public static RedisServer start(String... extraArguments) {
		try {
			return new RedisServer(freePort(), List.of(extraArguments));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server: is it installed? (apt-get install "
					+ "redis-server)", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Kills the server at once, as a crash would: clients see their connections drop. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts the server again on the same port, empty: it kept nothing on disk. */
	public void restart() {
		try {
			start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void start() throws IOException {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
		command.addAll(this.extraArguments);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.directory.toFile(), "redis.log"))
			.start();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return;
			}
			catch (IOException notYet) {
				if (!this.process.isAlive()) {
					throw new IOException("redis-server exited: " + Files.readString(this.directory.resolve("redis.log")));
				}
				sleep();
			}
		}
		throw new IOException("redis-server did not answer on port " + this.port + " within " + STARTUP);
	}

	@Override
	public void close() {
		kill();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
