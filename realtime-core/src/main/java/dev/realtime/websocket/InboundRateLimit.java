package dev.realtime.websocket;

/**
 * A token bucket of one connection's incoming frames: {@code rate} tokens a second, at most
 * {@code burst} saved up. A frame that finds no token is rejected, and puts the bucket in debt;
 * a client that runs up a debt of {@code burst} frames ignored the {@code rate_limited} errors
 * and is to be closed. A client that slows down pays its debt back at the rate.
 * <p>
 * Confined to the connection's event loop: no synchronization.
 */
final class InboundRateLimit {

	enum Outcome {

		ACCEPT, REJECT, CLOSE

	}

	private final double tokensPerNano;

	private final double burst;

	private double tokens;

	private long lastNanos = System.nanoTime();

	InboundRateLimit(int perSecond, int burst) {
		this.tokensPerNano = perSecond / 1e9;
		this.burst = Math.max(burst, 1);
		this.tokens = this.burst;
	}

	Outcome take() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.lastNanos) * this.tokensPerNano);
		this.lastNanos = now;
		this.tokens -= 1;
		if (this.tokens >= 0) {
			return Outcome.ACCEPT;
		}
		return (this.tokens < -this.burst) ? Outcome.CLOSE : Outcome.REJECT;
	}

}
