package dev.realtime.bench.load;

import java.util.Collection;
import java.util.function.ToDoubleFunction;

/** Medians, the statistic every headline figure is given as. */
final class Stats {

	private Stats() {
	}

	static <T> double median(Collection<T> values, ToDoubleFunction<T> metric) {
		double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

}
