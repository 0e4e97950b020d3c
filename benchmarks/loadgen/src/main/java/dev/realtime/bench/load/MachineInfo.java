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
