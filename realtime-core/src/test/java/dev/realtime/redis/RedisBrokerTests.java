package dev.realtime.redis;

import java.time.Duration;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerContractTests;
import dev.realtime.broker.HistoryLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker contract, against a real Redis this class starts.
 */
class RedisBrokerTests extends BrokerContractTests {

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	private RedisBroker broker;

	@Override
	protected Broker broker(HistoryLimits limits) {
		if (this.broker == null) {
			this.broker = new RedisBroker(redis.connections(), RedisExtension.prefix(),
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
