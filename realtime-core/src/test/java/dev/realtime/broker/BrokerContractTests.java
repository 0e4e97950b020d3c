package dev.realtime.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link Broker} contract, which every backend runs: offsets, order under concurrent
 * publishers, the window and its epoch, history and position from the same stream, live
 * subscriptions, join and leave, and expiry. Each test uses topics of its own.
 */
public abstract class BrokerContractTests {

	/** Publications each test's broker keeps per topic. */
	protected static final int WINDOW = 16;

	/** How long each test's broker keeps publications. */
	protected static final Duration TTL = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";

	/** A broker keeping {@code limits}; the same one for every call within a test. */
	protected abstract Broker broker(HistoryLimits limits);

	private Broker broker() {
		return broker(HistoryLimits.of(WINDOW, TTL));
	}

	/** A topic name no other test uses. */
	protected String topic(String name) {
		return this.prefix + name;
	}

	protected static EncodedEvent event(Object data) {
		return EncodedEvent.of(Event.message(data), JsonMapper.shared());
	}

	private Publication publish(String topic, Object data) {
		return broker().publish(topic, event(data)).block(WAIT);
	}

	private Recorder subscribe(String topic) {
		Recorder recorder = new Recorder();
		recorder.subscription = broker().subscribe(topic, recorder).block(WAIT);
		return recorder;
	}

	@Test
	void publicationsGetConsecutiveOffsetsInOneEpoch() {
		String topic = topic("offsets");
		Publication first = publish(topic, 1);
		Publication second = publish(topic, 2);
		assertThat(first.room()).isEqualTo(topic);
		assertThat(first.offset()).isEqualTo(1);
		assertThat(second.offset()).isEqualTo(2);
		assertThat(second.epoch()).isEqualTo(first.epoch()).isNotEmpty();
		assertThat(broker().position(topic).block(WAIT)).isEqualTo(new StreamPosition(2, first.epoch()));
	}

	@Test
	void aSubscriptionIsLiveOnceSubscribeCompletes() {
		String topic = topic("live");
		Recorder recorder = subscribe(topic);
		Publication published = publish(topic, "after");
		await().atMost(WAIT).until(() -> recorder.publications.size() == 1);
		assertThat(recorder.publications.get(0).offset()).isEqualTo(published.offset());
		recorder.subscription.dispose();
	}

	@Test
	void theEventCrossesTheBrokerAsTheBytesThePublisherWrote() {
		String topic = topic("bytes");
		Recorder recorder = subscribe(topic);
		EncodedEvent sent = EncodedEvent.of(new Event("custom", List.of("a", 1), "alice", 42), JsonMapper.shared());
		broker().publish(topic, sent).block(WAIT);
		await().atMost(WAIT).until(() -> recorder.publications.size() == 1);
		EncodedEvent received = recorder.publications.get(0).event();
		assertThat(received.json()).isEqualTo(sent.json());
		assertThat(received.event()).isEqualTo("custom");
		assertThat(received.from()).isEqualTo("alice");
		assertThat(received.ts()).isEqualTo(42);
		assertThat(received.data().get(1).asInt()).isEqualTo(1);
		recorder.subscription.dispose();
	}

	@Test
	void concurrentPublishersDeliverEveryPublicationOnceInOffsetOrder() {
		String topic = topic("concurrent");
		Recorder first = subscribe(topic);
		Recorder second = subscribe(topic);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Void>> publishers = new ArrayList<>();
			for (int p = 0; p < 8; p++) {
				int publisher = p;
				publishers.add(CompletableFuture.runAsync(() -> {
					for (int seq = 0; seq < 250; seq++) {
						publish(topic, publisher * 1000 + seq);
					}
				}, pool));
			}
			publishers.forEach(CompletableFuture::join);
			for (Recorder recorder : List.of(first, second)) {
				await().atMost(WAIT).until(() -> recorder.publications.size() == 2000);
				for (int i = 0; i < recorder.publications.size(); i++) {
					assertThat(recorder.publications.get(i).offset()).isEqualTo(i + 1);
				}
			}
			// Each publisher's own publications keep its order too.
			int[] last = new int[8];
			java.util.Arrays.fill(last, -1);
			for (Publication publication : first.publications) {
				int value = publication.event().data().asInt();
				assertThat(value % 1000).isGreaterThan(last[value / 1000]);
				last[value / 1000] = value % 1000;
			}
		}
		finally {
			pool.shutdownNow();
			first.subscription.dispose();
			second.subscription.dispose();
		}
	}

	@Test
	void historyReplaysWhatWasMissedInOrder() {
		String topic = topic("history");
		Publication seen = publish(topic, 0);
		for (int i = 1; i <= 5; i++) {
			publish(topic, i);
		}
		Replay replay = broker().history(topic, seen.position(), 100).block(WAIT);
		assertThat(replay.recovered()).isTrue();
		assertThat(replay.publications()).extracting(Publication::offset).containsExactly(2L, 3L, 4L, 5L, 6L);
		assertThat(replay.publications().get(0).event().data().asInt()).isEqualTo(1);
		assertThat(replay.position()).isEqualTo(new StreamPosition(6, seen.epoch()));
	}

	@Test
	void historyFromTheCurrentPositionIsEmptyAndRecovered() {
		String topic = topic("uptodate");
		Publication last = publish(topic, 1);
		Replay replay = broker().history(topic, last.position(), 100).block(WAIT);
		assertThat(replay.recovered()).isTrue();
		assertThat(replay.publications()).isEmpty();
	}

	@Test
	void historyBeyondTheWindowIsNotRecoveredAndHoldsTheNewest() {
		String topic = topic("window");
		Publication seen = publish(topic, 0);
		for (int i = 1; i <= WINDOW + 4; i++) {
			publish(topic, i);
		}
		Replay replay = broker().history(topic, seen.position(), 100).block(WAIT);
		assertThat(replay.recovered()).isFalse();
		assertThat(replay.publications()).hasSize(WINDOW);
		assertThat(replay.publications().get(WINDOW - 1).offset()).isEqualTo(WINDOW + 5);
	}

	@Test
	void historyIsCappedByItsLimitAndThenNotRecovered() {
		String topic = topic("limit");
		Publication seen = publish(topic, 0);
		for (int i = 1; i <= 6; i++) {
			publish(topic, i);
		}
		Replay replay = broker().history(topic, seen.position(), 3).block(WAIT);
		assertThat(replay.recovered()).isFalse();
		assertThat(replay.publications()).extracting(Publication::offset).containsExactly(5L, 6L, 7L);
	}

	@Test
	void historyFromAnotherEpochOrAnUnreachedOffsetIsNotRecovered() {
		String topic = topic("epoch");
		Publication last = publish(topic, 1);
		Replay otherEpoch = broker().history(topic, new StreamPosition(0, "another"), 100).block(WAIT);
		assertThat(otherEpoch.recovered()).isFalse();
		assertThat(otherEpoch.publications()).isEmpty();
		assertThat(otherEpoch.position()).isEqualTo(last.position());
		Replay future = broker().history(topic, new StreamPosition(99, last.epoch()), 100).block(WAIT);
		assertThat(future.recovered()).isFalse();
		assertThat(future.publications()).isEmpty();
	}

	@Test
	void aTopicNeverPublishedToHasAStablePositionAtZero() {
		String topic = topic("fresh");
		StreamPosition position = broker().position(topic).block(WAIT);
		assertThat(position.offset()).isZero();
		assertThat(broker().position(topic).block(WAIT)).isEqualTo(position);
		assertThat(publish(topic, 1).epoch()).isEqualTo(position.epoch());
	}

	@Test
	void expiredPublicationsAreNotReplayed() throws InterruptedException {
		String topic = topic("expiry");
		Publication seen = publish(topic, 0);
		publish(topic, 1);
		Thread.sleep(TTL.toMillis() + 500);
		Publication fresh = publish(topic, 2);
		Replay replay = broker().history(topic, seen.position(), 100).block(WAIT);
		assertThat(replay.recovered()).isFalse();
		// A broker may keep the idle topic's epoch or start a new one: either way the expired
		// publication is gone, and the fresh one is all it may replay.
		assertThat(replay.publications()).extracting(Publication::event)
			.extracting((event) -> event.data().asInt())
			.doesNotContain(0, 1);
	}

	@Test
	void joinAndLeaveReachSubscribersAndKeepNoOffset() {
		String topic = topic("presence");
		Recorder recorder = subscribe(topic);
		ClientInfo bob = new ClientInfo("c1", "bob", java.util.Map.of("name", "Bob"));
		broker().publishJoin(topic, bob).block(WAIT);
		broker().publishLeave(topic, bob).block(WAIT);
		await().atMost(WAIT).until(() -> recorder.joins.size() == 1 && recorder.leaves.size() == 1);
		assertThat(recorder.joins.get(0)).isEqualTo(bob);
		assertThat(recorder.leaves.get(0)).isEqualTo(bob);
		assertThat(broker().position(topic).block(WAIT).offset()).isZero();
		recorder.subscription.dispose();
	}

	@Test
	void internalTopicsKeepNoHistory() {
		String topic = Broker.INTERNAL_PREFIX + topic("internal");
		Recorder recorder = subscribe(topic);
		Publication publication = publish(topic, "all");
		assertThat(publication.offset()).isZero();
		await().atMost(WAIT).until(() -> recorder.publications.size() == 1);
		recorder.subscription.dispose();
	}

	@Test
	void aDisposedSubscriptionReceivesNothingMore() throws InterruptedException {
		String topic = topic("disposed");
		Recorder gone = subscribe(topic);
		Recorder staying = subscribe(topic);
		gone.subscription.dispose();
		publish(topic, 1);
		await().atMost(WAIT).until(() -> staying.publications.size() == 1);
		Thread.sleep(100);
		assertThat(gone.publications).isEmpty();
		staying.subscription.dispose();
	}

	/** Records what a subscription receives. */
	protected static final class Recorder implements BrokerListener {

		public final List<Publication> publications = new CopyOnWriteArrayList<>();

		public final List<ClientInfo> joins = new CopyOnWriteArrayList<>();

		public final List<ClientInfo> leaves = new CopyOnWriteArrayList<>();

		public Disposable subscription;

		@Override
		public void onPublication(Publication publication) {
			this.publications.add(publication);
		}

		@Override
		public void onJoin(ClientInfo client) {
			this.joins.add(client);
		}

		@Override
		public void onLeave(ClientInfo client) {
			this.leaves.add(client);
		}

	}

}
