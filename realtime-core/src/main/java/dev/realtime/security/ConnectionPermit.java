package dev.realtime.security;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's place under the connection limits, taken at the handshake. The transport
 * releases it when the connection ends, or when the handshake fails after all; releasing twice
 * is harmless.
 */
public final class ConnectionPermit {

	private final Runnable release;

	private final AtomicBoolean released = new AtomicBoolean();

	ConnectionPermit(Runnable release) {
		this.release = release;
	}

	/** This place and {@code other}, given back together. */
	ConnectionPermit and(ConnectionPermit other) {
		return new ConnectionPermit(() -> {
			release();
			other.release();
		});
	}

	/** Gives the place back. */
	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.release.run();
		}
	}

}
