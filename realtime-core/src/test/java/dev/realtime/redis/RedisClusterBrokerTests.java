package dev.realtime.redis;

import java.time.Duration;
import java.util.UUID;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerContractTests;
import dev.realtime.broker.HistoryLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The broker contract against a local three-master Redis Cluster: every script touches one slot
 * thanks to the rooms' hash tags, with plain and with sharded pub/sub.
 */
class RedisClusterBrokerTests {

	private static RedisCluster cluster;

	private static RedisConnections connections;

	@BeforeAll
	static void startCluster() {
		cluster = RedisCluster.start();
		connections = RedisConnections.createCluster(cluster.uri());
	}

	@AfterAll
	static void stopCluster() {
		connections.close();
		cluster.close();
	}

	static RedisBroker broker(HistoryLimits limits, boolean sharded) {
		return new RedisBroker(connections, "rt" + UUID.randomUUID().toString().substring(0, 8) + ":", limits,
				Duration.ofSeconds(5), sharded);
	}

	@Nested
	class WithPlainPubSub extends BrokerContractTests {

		private Broker broker;

		@Override
		protected Broker broker(HistoryLimits limits) {
			if (this.broker == null) {
				this.broker = RedisClusterBrokerTests.broker(limits, false);
			}
			return this.broker;
		}

	}

	@Nested
	class WithShardedPubSub extends BrokerContractTests {

		private Broker broker;

		@Override
		protected Broker broker(HistoryLimits limits) {
			if (this.broker == null) {
				this.broker = RedisClusterBrokerTests.broker(limits, true);
			}
			return this.broker;
		}

	}

}
