package dev.realtime.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.HistoryLimits;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What Redis pub/sub loses, and Redis itself failing: two brokers (two nodes) on a Redis this
 * test owns, kills and starts again.
 */
class RedisBrokerFaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private final String prefix = "rt" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private RedisServer server;

	private RedisConnections subscriberConnections;

	private RedisConnections publisherConnections;

	private RedisBroker subscriber;

	private RedisBroker publisher;

	@BeforeEach
	void start() {
		this.server = RedisServer.start();
		this.subscriberConnections = RedisConnections.create(this.server.uri());
		this.publisherConnections = RedisConnections.create(this.server.uri());
		HistoryLimits limits = HistoryLimits.of(10_000, Duration.ofMinutes(1));
		this.subscriber = new RedisBroker(this.subscriberConnections, this.prefix, limits, TIMEOUT, false);
		this.publisher = new RedisBroker(this.publisherConnections, this.prefix, limits, TIMEOUT, false);
	}

	@AfterEach
	void stop() {
		this.subscriberConnections.close();
		this.publisherConnections.close();
		this.server.close();
	}

	@Test
	void aPublicationThatNeverReachedPubSubIsRepairedFromTheStream() {
		Recorder recorder = subscribe("gap");
		this.publisher.publish("gap", event(1)).block();
		// A publication that is numbered and kept, but never published: what a lost message is.
		try (RedisClient client = RedisClient.create(this.server.uri());
				StatefulRedisConnection<String, String> raw = client.connect()) {
			raw.sync().hincrby(this.prefix + "{gap}:meta", "o", 1);
			raw.sync()
				.xadd(this.prefix + "{gap}:stream", new io.lettuce.core.XAddArgs().id("2-0"), "p",
						new String(RedisPayload.encode(event(2)), java.nio.charset.StandardCharsets.UTF_8), "t",
						String.valueOf(System.currentTimeMillis()));
		}
		this.publisher.publish("gap", event(3)).block();
		await().until(() -> recorder.publications.size() == 3);
		assertThat(recorder.publications).extracting(Publication::offset).containsExactly(1L, 2L, 3L);
		assertThat(recorder.publications).extracting((p) -> p.event().data().asInt()).containsExactly(1, 2, 3);
		assertThat(recorder.resyncs).isEmpty();
		recorder.subscription.dispose();
	}

	@Test
	void killingThePubSubConnectionWhilePublishingLosesNothing() throws Exception {
		Recorder recorder = subscribe("killed");
		CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
			for (int i = 1; i <= 2000; i++) {
				this.publisher.publish("killed", event(i)).block();
			}
		});
		await().until(() -> recorder.publications.size() > 200);
		try (RedisClient client = RedisClient.create(this.server.uri());
				StatefulRedisConnection<String, String> raw = client.connect()) {
			assertThat(raw.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub())).isPositive();
		}
		publishing.get();
		await().atMost(Duration.ofSeconds(20)).until(() -> recorder.publications.size() >= 2000);
		assertThat(recorder.publications).hasSize(2000);
		for (int i = 0; i < 2000; i++) {
			assertThat(recorder.publications.get(i).offset()).isEqualTo(i + 1);
		}
		assertThat(recorder.resyncs).isEmpty();
		recorder.subscription.dispose();
	}

	@Test
	void whileRedisIsDownPublishingFailsFastAndOnItsReturnDeliveryResumesWithAResync() {
		Recorder recorder = subscribe("outage");
		Publication before = this.publisher.publish("outage", event(1)).block();
		await().until(() -> recorder.publications.size() == 1);
		this.server.kill();
		long started = System.nanoTime();
		assertThatThrownBy(() -> this.publisher.publish("outage", event(2)).block())
			.isInstanceOf(BrokerUnavailableException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusMillis(500));
		assertThatThrownBy(() -> this.publisher.ping().block()).isInstanceOf(BrokerUnavailableException.class);
		this.server.restart();
		// Redis came back empty: the room starts a new epoch, and its subscribers are told.
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			this.publisher.publish("outage", event(3)).block();
			return recorder.publications.size() >= 2;
		});
		Publication after = recorder.publications.get(recorder.publications.size() - 1);
		assertThat(after.epoch()).isNotEqualTo(before.epoch());
		assertThat(recorder.resyncs).isNotEmpty();
		assertThat(recorder.resyncs.get(0).epoch()).isEqualTo(after.epoch());
		this.publisher.ping().block();
		recorder.subscription.dispose();
	}

	private Recorder subscribe(String room) {
		Recorder recorder = new Recorder();
		recorder.subscription = this.subscriber.subscribe(room, recorder).block();
		return recorder;
	}

	private static EncodedEvent event(int data) {
		return EncodedEvent.of(Event.message(data), JsonMapper.shared());
	}

	private static final class Recorder implements BrokerListener {

		final List<Publication> publications = new CopyOnWriteArrayList<>();

		final List<StreamPosition> resyncs = new CopyOnWriteArrayList<>();

		Disposable subscription;

		@Override
		public void onPublication(Publication publication) {
			this.publications.add(publication);
		}

		@Override
		public void onResync(StreamPosition position) {
			this.resyncs.add(position);
		}

	}

}
