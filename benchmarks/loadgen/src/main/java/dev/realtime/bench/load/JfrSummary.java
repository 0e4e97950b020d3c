package dev.realtime.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a flight recording says the server spent its CPU and allocated: execution samples by
 * top frame (self time) and by any frame (total time), samples by thread, allocation samples by
 * class and site. Same figures as {@code jfr print --events jdk.ExecutionSample}, counted.
 *
 * @param recording the recording file
 * @param samples execution samples in it
 * @param self samples per method at the top of the stack, most first
 * @param total samples per method anywhere in the stack, most first
 * @param threads samples per thread name (digits folded), most first
 * @param allocations allocation weight in bytes per allocated class and allocating method, most first
 * @param nativeSamples samples of threads in native code (system calls: socket writes, epoll)
 * @param natives native samples per top Java frame, most first
 */
record JfrSummary(Path recording, long samples, Map<String, Long> self, Map<String, Long> total,
		Map<String, Long> threads, Map<String, Long> allocations, long nativeSamples, Map<String, Long> natives) {

	static JfrSummary of(Path recording) throws IOException {
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> total = new HashMap<>();
		Map<String, Long> threads = new HashMap<>();
		Map<String, Long> allocations = new HashMap<>();
		Map<String, Long> natives = new HashMap<>();
		long samples = 0;
		long nativeSamples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			String type = event.getEventType().getName();
			if (event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (type.equals("jdk.ExecutionSample")) {
				samples++;
				if (!frames.isEmpty()) {
					self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
				}
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String name = name(frame.getMethod());
					if (seen.add(name)) {
						total.merge(name, 1L, Long::sum);
					}
				}
				String thread = (event.getThread("sampledThread") != null)
						? event.getThread("sampledThread").getJavaName() : "?";
				threads.merge((thread != null) ? thread.replaceAll("\\d+", "N") : "?", 1L, Long::sum);
			}
			else if (type.equals("jdk.NativeMethodSample") && !frames.isEmpty()) {
				nativeSamples++;
				natives.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
			}
			else if (type.equals("jdk.ObjectAllocationSample") && !frames.isEmpty()) {
				String site = event.getClass("objectClass").getName() + " in " + firstOwnFrame(frames);
				allocations.merge(site, event.getLong("weight"), Long::sum);
			}
		}
		return new JfrSummary(recording, samples, top(self), top(total), top(threads), top(allocations), nativeSamples,
				top(natives));
	}

	/** The first frame outside the JDK's own allocation plumbing, where the allocation was asked for. */
	private static String firstOwnFrame(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (!type.startsWith("java.") && !type.startsWith("jdk.")) {
				return name(frame.getMethod());
			}
		}
		return name(frames.get(0).getMethod());
	}

	private static String name(RecordedMethod method) {
		String type = method.getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName() + "  (" + type.substring(0,
				Math.max(0, type.lastIndexOf('.'))) + ")";
	}

	private static Map<String, Long> top(Map<String, Long> counts) {
		return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(25)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
	}

}
