package dev.realtime.autoconfigure.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A class of the tests run in a JVM of its own, on the tests' class path: what must not share
 * the test JVM's threads, heap and garbage collector, or must die by SIGKILL. Where the OS lets
 * it, it runs at a higher CPU priority than the test JVM.
 */
final class TestJvm {

	private static final Path NICE = Path.of("/usr/bin/nice");

	private TestJvm() {
	}

	/**
	 * Starts {@code main} with a heap of {@code heap}, {@code jvmOptions} and {@code arguments};
	 * each line it prints goes to {@code lines}, on a thread of its own, and to the test's output.
	 */
	static Process start(Class<?> main, String heap, List<String> jvmOptions, List<String> arguments,
			Consumer<String> lines) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-Xlog:gc"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(arguments);
		if (Files.isExecutable(NICE)) {
			// The node and its probes stand for processes on machines of their own: ahead of the
			// test's thousands of clients for the shared cores. Without the right to, nice runs
			// the command at the usual priority.
			command.addAll(0, List.of(NICE.toString(), "-n", "-10"));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread output = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					System.out.println("[" + main.getSimpleName() + "] " + line);
					lines.accept(line);
				}
			}
			catch (IOException ex) {
				// The process is gone: so is its output.
			}
		}, main.getSimpleName() + " output");
		output.setDaemon(true);
		output.start();
		return process;
	}

}
