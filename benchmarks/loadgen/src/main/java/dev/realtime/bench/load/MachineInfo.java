package dev.realtime.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine, read from {@code /proc}. */
final class MachineInfo {

	private MachineInfo() {
	}

	static String cpuModel() {
		return field("/proc/cpuinfo", "model name").orElse("unknown CPU");
	}

	static String memory() {
		return field("/proc/meminfo", "MemTotal")
			.map((kb) -> String.format("%.1f GiB", Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1048576.0))
			.orElse("unknown");
	}

	static String kernel() {
		try {
			return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** The first line {@code command} prints (a {@code --version}), or "unknown". */
	static String firstLine(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor();
			return out.isEmpty() ? "unknown" : out.lines().findFirst().orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	/** The version of an npm package as installed under {@code module}'s {@code node_modules}. */
	static String npmVersion(Path module, String name) {
		try {
			String json = Files.readString(module.resolve("node_modules").resolve(name).resolve("package.json"));
			java.util.regex.Matcher version = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
				.matcher(json);
			return version.find() ? version.group(1) : "unknown";
		}
		catch (IOException ex) {
			return "not installed";
		}
	}

	private static java.util.Optional<String> field(String file, String name) {
		try {
			return Files.readAllLines(Path.of(file)).stream()
				.filter((line) -> line.startsWith(name))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst();
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
	}

}
