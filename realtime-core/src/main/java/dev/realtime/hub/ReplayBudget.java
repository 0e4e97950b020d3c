package dev.realtime.hub;

import java.util.List;

import dev.realtime.Publication;
import dev.realtime.broker.Replay;

/**
 * The bytes of history one connection may have replayed: a token bucket of {@code rate} bytes a
 * second, at most {@code burst} saved up, so that a client resuming after an outage gets its
 * whole backlog while one looping on {@code subscribe since:0} cannot pull the history out of
 * the server again and again. A replay over the budget keeps its newest publications and is not
 * {@code recovered}. Confined to the connection's lane.
 */
final class ReplayBudget {

	private final double bytesPerNano;

	private final double burst;

	private double tokens;

	private long lastNanos = System.nanoTime();

	ReplayBudget(long bytesPerSecond, long burst) {
		this.bytesPerNano = bytesPerSecond / 1e9;
		this.burst = Math.max(burst, 1);
		this.tokens = this.burst;
	}

	/** {@code replay} cut to what the budget allows now, which it then spends. */
	Replay spend(Replay replay) {
		long now = System.nanoTime();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.lastNanos) * this.bytesPerNano);
		this.lastNanos = now;
		List<Publication> publications = replay.publications();
		int first = publications.size();
		double spent = 0;
		while (first > 0) {
			int size = publications.get(first - 1).event().json().length;
			if (spent + size > this.tokens) {
				break;
			}
			spent += size;
			first--;
		}
		this.tokens -= spent;
		if (first == 0) {
			return replay;
		}
		return new Replay(publications.subList(first, publications.size()), false, replay.position());
	}

}
