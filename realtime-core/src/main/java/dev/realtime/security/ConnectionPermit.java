package dev.realtime.security;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * One connection's place under the connection limits, taken at the handshake. The transport
 * releases it when the connection ends, or when the handshake fails after all; releasing twice
 * is harmless.
 */
public final class ConnectionPermit {

	private final ConnectionLimits limits;

	private final @Nullable String userId;

	private final AtomicBoolean released = new AtomicBoolean();

	ConnectionPermit(ConnectionLimits limits, @Nullable String userId) {
		this.limits = limits;
		this.userId = userId;
	}

	/** Gives the place back. */
	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.limits.release(this.userId);
		}
	}

}
