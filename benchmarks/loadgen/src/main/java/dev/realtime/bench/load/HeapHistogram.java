package dev.realtime.bench.load;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live objects per class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first), and
 * what a set of connections added: the classes that make up the heap cost of one connection.
 */
final class HeapHistogram {

	private final Map<String, long[]> byClass;

	private HeapHistogram(Map<String, long[]> byClass) {
		this.byClass = byClass;
	}

	static HeapHistogram of(long pid) throws IOException, InterruptedException {
		Map<String, long[]> byClass = new HashMap<>();
		for (String line : Jcmd.run(pid, "GC.class_histogram").split("\n")) {
			// "   1:         12345        678900  java.lang.String (java.base@17)"
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":")) {
				byClass.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
			}
		}
		return new HeapHistogram(byClass);
	}

	/**
	 * The classes whose live bytes grew most from {@code before} to this histogram, per connection.
	 * @param connections connections opened in between
	 */
	List<ClassCost> growthSince(HeapHistogram before, int connections, int limit) {
		return this.byClass.entrySet().stream()
			.map((e) -> {
				long[] was = before.byClass.getOrDefault(e.getKey(), new long[2]);
				return new ClassCost(e.getKey(), (double) (e.getValue()[0] - was[0]) / connections,
						(double) (e.getValue()[1] - was[1]) / connections);
			})
			.sorted(Comparator.comparingDouble(ClassCost::bytesPerConnection).reversed())
			.limit(limit)
			.toList();
	}

	/** One class's share of a connection's heap. */
	record ClassCost(String className, double instancesPerConnection, double bytesPerConnection) {
	}

}
