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

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Redis of a test's own, on a free port, which the test may kill and start again: in a
 * container where a Docker engine answers, else a {@code redis-server} process (these machines
 * have the binary, which CI installs, but no Docker daemon). Never the shared server on 6379: a
 * test must not see, or wipe, anyone else's data.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final int port;

	private final Backend backend;

	private RedisServer(int port, Backend backend) throws IOException {
		this.port = port;
		this.backend = backend;
		backend.start();
		awaitPort();
	}

	/**
	 * A new server on a free port; one with {@code extraArguments} (a cluster node's) is always a
	 * process, as a cluster's nodes must reach each other at the addresses they announce.
	 */
	public static RedisServer start(String... extraArguments) {
		try {
			int port = freePort();
			Backend backend = (extraArguments.length == 0 && DockerClientFactory.instance().isDockerAvailable())
					? new ContainerBackend(port) : new ProcessBackend(port, List.of(extraArguments));
			return new RedisServer(port, backend);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start Redis: is redis-server installed? (apt-get install "
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
		this.backend.kill();
	}

	/** Starts the server again on the same port, empty: it kept nothing on disk. */
	public void restart() {
		try {
			this.backend.start();
			awaitPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.backend.close();
	}

	private void awaitPort() throws IOException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return;
			}
			catch (IOException notYet) {
				this.backend.checkAlive();
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
		}
		throw new IOException("Redis did not answer on port " + this.port + " within " + STARTUP);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Where the server runs. */
	private interface Backend {

		void start() throws IOException;

		void checkAlive() throws IOException;

		void kill();

		void close();

	}

	/** A {@code redis-server} process that keeps nothing on disk. */
	private static final class ProcessBackend implements Backend {

		private final int port;

		private final List<String> extraArguments;

		private final Path directory;

		private Process process;

		ProcessBackend(int port, List<String> extraArguments) throws IOException {
			this.port = port;
			this.extraArguments = extraArguments;
			this.directory = Files.createTempDirectory("redis-" + port);
		}

		@Override
		public void start() throws IOException {
			List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
			command.addAll(this.extraArguments);
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(new File(this.directory.toFile(), "redis.log"))
				.start();
		}

		@Override
		public void checkAlive() throws IOException {
			if (!this.process.isAlive()) {
				throw new IOException("redis-server exited: " + Files.readString(this.directory.resolve("redis.log")));
			}
		}

		@Override
		public void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			kill();
		}

	}

	/** A Redis container whose port is bound to the same host port across restarts. */
	private static final class ContainerBackend implements Backend {

		private final GenericContainer<?> container;

		private boolean created;

		ContainerBackend(int port) {
			this.container = new GenericContainer<>(DockerImageName.parse("redis:7.0"))
				.withCommand("redis-server", "--save", "", "--appendonly", "no")
				.withExposedPorts(6379)
				.withCreateContainerCmdModifier((command) -> command.getHostConfig()
					.withPortBindings(new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(6379))));
		}

		@Override
		public void start() {
			if (!this.created) {
				this.container.start();
				this.created = true;
			}
			else {
				this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
			}
		}

		@Override
		public void checkAlive() {
		}

		@Override
		public void kill() {
			this.container.getDockerClient().killContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void close() {
			this.container.stop();
		}

	}

}
