package dev.realtime.analytics;

import java.util.ArrayList;
import java.util.List;

import dev.realtime.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sketch's estimates, from none to far beyond its registers, and against Redis's own.
 */
class HyperLogLogTests {

	@Test
	void anEmptySketchCountsZeroAndOneValueCountsOnce() {
		HyperLogLog sketch = new HyperLogLog();
		assertThat(sketch.count()).isZero();
		for (int i = 0; i < 100; i++) {
			sketch.add("alice");
		}
		assertThat(sketch.count()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 10_000, 40_000, 1_000_000 })
	void distinctValuesAreCountedWithinThreePercent(int distinct) {
		HyperLogLog sketch = new HyperLogLog();
		for (int i = 0; i < distinct; i++) {
			sketch.add("visitor-" + i);
		}
		assertThat((double) sketch.count()).isCloseTo(distinct, within(distinct * 0.03));
	}

	/**
	 * The same hash, registers and estimator as Redis's: the same values give exactly the count
	 * that {@code PFCOUNT} gives, at every size, so one node's numbers and a cluster's agree.
	 */
	@Test
	void countsExactlyAsRedisDoes() {
		try (RedisServer server = RedisServer.start()) {
			RedisClient client = RedisClient.create(server.uri());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> redis = connection.sync();
				HyperLogLog sketch = new HyperLogLog();
				int added = 0;
				for (int target : new int[] { 1, 10, 1_000, 20_000, 60_000 }) {
					List<String> batch = new ArrayList<>();
					for (; added < target; added++) {
						String value = "v" + added + (char) ('a' + added % 26);
						sketch.add(value);
						batch.add(value);
					}
					for (int from = 0; from < batch.size(); from += 1_000) {
						redis.pfadd("hll", batch.subList(from, Math.min(from + 1_000, batch.size())).toArray(String[]::new));
					}
					assertThat(sketch.count()).as("after %d values", target).isEqualTo(redis.pfcount("hll"));
				}
			}
			finally {
				client.shutdown();
			}
		}
	}

}
