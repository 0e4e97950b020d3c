package dev.realtime.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.history.InMemoryHistoryStore;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalBrokerTests {

	private final LocalBroker broker = new LocalBroker(new InMemoryHistoryStore(16, Duration.ofMinutes(1)));

	@Test
	void concurrentPublishersGetDistinctOffsetsDeliveredInOrder() {
		List<Publication> received = new CopyOnWriteArrayList<>();
		Disposable subscription = this.broker.subscribe("room").subscribe(received::add);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Void>> publishers = new ArrayList<>();
			for (int p = 0; p < 20; p++) {
				int publisher = p;
				publishers.add(CompletableFuture.runAsync(() -> {
					for (int seq = 0; seq < 500; seq++) {
						this.broker.publish("room", Event.message(publisher * 1000 + seq)).block();
					}
				}, pool));
			}
			publishers.forEach(CompletableFuture::join);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10_000);
			for (int i = 0; i < received.size(); i++) {
				assertThat(received.get(i).offset()).isEqualTo(i + 1);
			}
		}
		finally {
			pool.shutdownNow();
			subscription.dispose();
		}
	}

	@Test
	void aTopicIsRemovedOnceItHasNoSubscribersAndNothingInFlight() {
		Disposable subscription = this.broker.subscribe("transient").subscribe();
		assertThat(this.broker.activeTopics()).isEqualTo(1);
		this.broker.publish("transient", Event.message("x")).block();
		subscription.dispose();
		assertThat(this.broker.activeTopics()).isZero();
		this.broker.publish("never-subscribed", Event.message("y")).block();
		assertThat(this.broker.activeTopics()).isZero();
	}

	@Test
	void offsetsContinueAcrossTopicRemoval() {
		assertThat(this.broker.publish("kept", Event.message(1)).block().offset()).isEqualTo(1);
		assertThat(this.broker.publish("kept", Event.message(2)).block().offset()).isEqualTo(2);
	}

}
