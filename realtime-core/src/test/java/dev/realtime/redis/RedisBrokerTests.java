package dev.realtime.redis;

import java.time.Duration;
import java.util.UUID;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerContractTests;
import dev.realtime.broker.HistoryLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The broker contract, against a real Redis this class starts.
 */
class RedisBrokerTests extends BrokerContractTests {

	private static RedisServer server;

	private static RedisConnections connections;

	private RedisBroker broker;

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
		connections = RedisConnections.create(server.uri());
	}

	@AfterAll
	static void stopRedis() {
		connections.close();
		server.close();
	}

	@Override
	protected Broker broker(HistoryLimits limits) {
		if (this.broker == null) {
			this.broker = new RedisBroker(connections, "rt" + UUID.randomUUID().toString().substring(0, 8) + ":",
					limits, Duration.ofSeconds(5), false);
		}
		return this.broker;
	}

	@AfterEach
	void noRoomLeftSubscribed() {
		// Every test disposes its subscriptions: the broker unsubscribes them.
		if (this.broker != null) {
			org.awaitility.Awaitility.await().until(() -> this.broker.subscribedRooms() == 0);
		}
	}

}
