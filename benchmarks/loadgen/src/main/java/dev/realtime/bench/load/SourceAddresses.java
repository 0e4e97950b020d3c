package dev.realtime.bench.load;

import java.net.InetSocketAddress;

/**
 * Loopback source addresses for client connections. A client socket bound to an address before
 * it connects needs a port of its own on that address, and Linux hands out about 28,000
 * ephemeral ports: spreading connections over 127.0.0.2, 127.0.0.3, … lifts that cap.
 * Every address is in 127.0.0.0/8, so no traffic ever leaves the machine.
 */
final class SourceAddresses {

	/** Connections per source address, well under the ephemeral port range. */
	static final int PER_ADDRESS = 10_000;

	private SourceAddresses() {
	}

	/** The source address of connection {@code index}, port chosen by the kernel. */
	static InetSocketAddress forConnection(int index) {
		int host = 2 + index / PER_ADDRESS;
		if (host > 254) {
			throw new IllegalArgumentException("Too many connections for 127.0.0.x sources: " + index);
		}
		return new InetSocketAddress("127.0.0." + host, 0);
	}

	/** How many source addresses {@code connections} use. */
	static int count(int connections) {
		return (connections + PER_ADDRESS - 1) / PER_ADDRESS;
	}

}
