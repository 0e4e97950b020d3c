package dev.realtime.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's {@code jcmd} against a server JVM: flight recordings and class histograms. */
final class Jcmd {

	private Jcmd() {
	}

	static String run(long pid, String... command) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>();
		args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		args.add(Long.toString(pid));
		args.addAll(List.of(command));
		Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("jcmd " + String.join(" ", command) + " timed out");
		}
		return new String(output, StandardCharsets.UTF_8);
	}

}
