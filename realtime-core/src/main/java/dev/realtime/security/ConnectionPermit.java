package dev.realtime.security;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * One connection's place under the connection limits, taken at the handshake. The transport
 * releases it when the connection ends, or when the handshake fails after all; releasing twice
 * is harmless.
 */
public final class ConnectionPermit {

	// A field and an updater rather than an AtomicBoolean: a permit lives as long as its connection.
	private static final AtomicIntegerFieldUpdater<ConnectionPermit> RELEASED = AtomicIntegerFieldUpdater
		.newUpdater(ConnectionPermit.class, "released");

	private final Runnable release;

	/** A place taken with this one and given back with it; set once, before the permit is handed out. */
	private @Nullable ConnectionPermit next;

	private volatile int released;

	ConnectionPermit(Runnable release) {
		this.release = release;
	}

	/**
	 * This place and {@code other}, given back together: this permit, which must be fresh and
	 * hold no other yet, now releases {@code other} too.
	 */
	ConnectionPermit and(ConnectionPermit other) {
		if (this.next != null) {
			throw new IllegalStateException("This permit holds another already");
		}
		this.next = other;
		return this;
	}

	/** Gives the place back. */
	public void release() {
		if (RELEASED.compareAndSet(this, 0, 1)) {
			this.release.run();
			if (this.next != null) {
				this.next.release();
			}
		}
	}

}
