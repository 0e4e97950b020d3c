package dev.realtime.autoconfigure;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.history.HistoryStore;
import dev.realtime.history.Replay;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeHistoryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeHistoryAutoConfiguration.class));

	@Test
	void evictsTheInMemoryHistory() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(HistoryEviction.class));
	}

	@Test
	void leavesAnotherHistoryStoreAlone() {
		this.contextRunner.withBean(HistoryStore.class, OtherStore::new)
			.run((context) -> assertThat(context).doesNotHaveBean(HistoryEviction.class));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HistoryEviction.class));
	}

	/** A store of the application's own, which manages its own expiry. */
	static class OtherStore implements HistoryStore {

		@Override
		public Publication append(String room, Event event) {
			return new Publication(room, 1, "e", event);
		}

		@Override
		public Mono<StreamPosition> position(String room) {
			return Mono.just(new StreamPosition(0, "e"));
		}

		@Override
		public Mono<Replay> since(String room, StreamPosition since) {
			return Mono.empty();
		}

	}

}
