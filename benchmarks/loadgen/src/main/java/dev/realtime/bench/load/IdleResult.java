package dev.realtime.bench.load;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Memory of a server holding idle subscribed connections, against the same server with none.
 * Heap figures are taken right after a full GC, so they are what stays live.
 *
 * @param kind the server
 * @param connections connections opened, each subscribed to one room
 * @param held connections the server still held at the end
 * @param heldSeconds how long they were held before the final reading
 * @param heapBefore heap used with no connection
 * @param heapAfter heap used with every connection
 * @param rssBefore process RSS with no connection
 * @param rssAfter process RSS with every connection
 * @param directBefore Netty direct memory with no connection (-1 when not Netty)
 * @param directAfter Netty direct memory with every connection
 * @param classes the classes that grew most, per connection (empty when not asked for)
 * @param failed why the measurement failed, or {@code null}
 */
record IdleResult(ServerKind kind, int connections, long held, long heldSeconds, long heapBefore, long heapAfter,
		long rssBefore, long rssAfter, long directBefore, long directAfter, List<HeapHistogram.ClassCost> classes,
		@Nullable String failed) {

	static IdleResult failed(ServerKind kind, int connections, String why) {
		return new IdleResult(kind, connections, 0, 0, 0, 0, 0, 0, -1, -1, List.of(), why);
	}

	double heapPerConnection() {
		return (double) (this.heapAfter - this.heapBefore) / this.connections;
	}

	double rssPerConnection() {
		return (double) (this.rssAfter - this.rssBefore) / this.connections;
	}

	double directPerConnection() {
		return (this.directBefore < 0) ? Double.NaN : (double) (this.directAfter - this.directBefore) / this.connections;
	}

}
