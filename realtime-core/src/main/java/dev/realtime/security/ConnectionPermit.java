package dev.realtime.security;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One connection's place under the connection limits, taken at the handshake. The transport
 * releases it when the connection ends, or when the handshake fails after all; releasing twice
 * is harmless.
 */
public final class ConnectionPermit {

	private final Runnable release;

	// A field and an updater rather than an AtomicBoolean: a permit lives as long as its connection.
	private static final AtomicIntegerFieldUpdater<ConnectionPermit> RELEASED = AtomicIntegerFieldUpdater
		.newUpdater(ConnectionPermit.class, "released");

	private volatile int released;

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
		if (RELEASED.compareAndSet(this, 0, 1)) {
			this.release.run();
		}
	}

}
