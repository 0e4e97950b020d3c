package dev.realtime.broker;

import java.time.Duration;

import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBrokerTests extends BrokerContractTests {

	private LocalBroker broker;

	@Override
	protected Broker broker(HistoryLimits limits) {
		if (this.broker == null) {
			this.broker = new LocalBroker(limits);
		}
		return this.broker;
	}

	@Test
	void aTopicWindowIsBoundedByBytesOldestFirst() {
		int perEntry = event("x".repeat(1000)).json().length + LocalStream.ENTRY_OVERHEAD;
		LocalBroker broker = new LocalBroker(new HistoryLimits(100, Duration.ofMinutes(1), perEntry * 3L, Long.MAX_VALUE));
		Publication seen = broker.publish("big", event("x".repeat(1000))).block();
		for (int i = 0; i < 5; i++) {
			broker.publish("big", event("x".repeat(1000))).block();
		}
		Replay replay = broker.history("big", seen.position(), 100).block();
		assertThat(replay.publications()).extracting(Publication::offset).containsExactly(4L, 5L, 6L);
		assertThat(replay.recovered()).isFalse();
		assertThat(broker.bytesHeld()).isEqualTo(perEntry * 3L);
	}

	@Test
	void theNodeBudgetCutsTheWindowsOfTheIdlestTopicsWithANewEpoch() throws InterruptedException {
		int perEntry = event("x".repeat(1000)).json().length + LocalStream.ENTRY_OVERHEAD;
		LocalBroker broker = new LocalBroker(new HistoryLimits(100, Duration.ofMinutes(1), Long.MAX_VALUE, perEntry * 10L));
		Publication idle = null;
		for (int i = 0; i < 5; i++) {
			idle = broker.publish("idle", event("x".repeat(1000))).block();
		}
		Thread.sleep(5);
		for (int i = 0; i < 6; i++) {
			broker.publish("busy", event("x".repeat(1000))).block();
		}
		assertThat(broker.windowsCut()).isEqualTo(1);
		assertThat(broker.bytesHeld()).isLessThanOrEqualTo(perEntry * 10L);
		StreamPosition now = broker.position("idle").block();
		assertThat(now.epoch()).isNotEqualTo(idle.epoch());
		assertThat(broker.history("idle", idle.position(), 100).block().recovered()).isFalse();
		assertThat(broker.history("busy", new StreamPosition(0, broker.position("busy").block().epoch()), 100)
			.block()
			.publications()).hasSize(6);
	}

	@Test
	void idleTopicsWithoutListenersAreForgottenAfterTheTtl() throws InterruptedException {
		LocalBroker broker = new LocalBroker(HistoryLimits.of(10, Duration.ofMillis(50)));
		broker.publish("gone", event(1)).block();
		Recorder recorder = new Recorder();
		recorder.subscription = broker.subscribe("kept", recorder).block();
		broker.publish("kept", event(1)).block();
		Thread.sleep(100);
		assertThat(broker.evictIdle()).isEqualTo(1);
		assertThat(broker.topics()).isEqualTo(1);
		assertThat(broker.bytesHeld()).isZero();
		recorder.subscription.dispose();
	}

	@Test
	void internalTopicsGoAsSoonAsNothingUsesThem() {
		LocalBroker broker = new LocalBroker(HistoryLimits.of(10, Duration.ofMinutes(1)));
		Recorder recorder = new Recorder();
		recorder.subscription = broker.subscribe(Broker.BROADCAST, recorder).block();
		broker.publish(Broker.BROADCAST, event(1)).block();
		assertThat(broker.topics()).isEqualTo(1);
		recorder.subscription.dispose();
		assertThat(broker.topics()).isZero();
	}

}
