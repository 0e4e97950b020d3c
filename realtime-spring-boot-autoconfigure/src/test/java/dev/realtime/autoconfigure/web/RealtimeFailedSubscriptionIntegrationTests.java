package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import dev.realtime.security.UserRoomAuthorizer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room whose broker subscription fails while the broker goes on delivering to it, as a Redis
 * subscription confirmed after the node gave up on it would: the client told {@code unavailable}
 * must receive nothing of the room until it subscribes again (it would take a stray publication
 * for where it stands, and resume past what it missed), and then each publication once. A
 * connection whose personal room fails so is closed with 1013, rather than miss its user's
 * messages.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeFailedSubscriptionIntegrationTests.FlakyBroker.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeFailedSubscriptionIntegrationTests {

	private static final String ROOM = "flaky-room";

	private static final String UNLUCKY = "unlucky";

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aClientToldUnavailableReceivesNothingOfTheRoomThenEachPublicationOnceOnItsRetry() {
		Publication since = this.hub.publish(ROOM, Event.message("seen")).block();
		this.hub.publish(ROOM, Event.message("missed")).block();
		try (TestClient client = TestClient
			.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=flaky"))) {
			String resume = "{\"type\":\"subscribe\",\"room\":\"" + ROOM + "\",\"since\":{\"offset\":" + since.offset()
					+ ",\"epoch\":\"" + since.epoch() + "\"}}";
			JsonNode refused = client.request(resume);
			assertThat(refused.path("code").asString()).as(refused.toString()).isEqualTo("unavailable");
			this.hub.publish(ROOM, Event.message("while out")).block();
			assertThat(client.pollMessage(TimeUnit.MILLISECONDS.toNanos(500))).as("a stray publication").isNull();

			JsonNode resumed = client.request(resume);
			assertThat(resumed.path("result").path("recovered").asBoolean()).as(resumed.toString()).isTrue();
			long last = this.hub.publish(ROOM, Event.message("live")).block().offset();
			List<Long> seen = new ArrayList<>();
			client.takeOffsetsThrough(seen, last);
			assertThat(client.pollMessage(TimeUnit.MILLISECONDS.toNanos(300))).as("a duplicate").isNull();
			assertThat(seen).isEqualTo(TestClient.offsets(since.offset() + 1, last));
		}
	}

	@Test
	void aConnectionWhosePersonalRoomCannotBeSubscribedIsClosedWith1013AndGetsItsUsersMessagesOnceBack() {
		URI uri = URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + UNLUCKY);
		try (TestClient unlucky = TestClient.connect(uri)) {
			assertThat(unlucky.closeStatus().code()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
		}
		try (TestClient back = TestClient.connect(uri)) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.hub.room(UserRoomAuthorizer.userRoom(UNLUCKY)).size() == 1);
			this.hub.sendToUser(UNLUCKY, Event.message("for you")).block();
			assertThat(back.nextMessage().path("data").asString()).isEqualTo("for you");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FlakyBroker {

		@Bean
		Broker flakyBroker() {
			return new FirstSubscriptionFails(new LocalBroker(HistoryLimits.of(100, Duration.ofMinutes(1))));
		}

	}

	/**
	 * Fails the first subscription of {@value #ROOM} and of {@value #UNLUCKY}'s personal room after
	 * it started delivering, and leaves it delivering; the rest is an in-memory broker's.
	 */
	private static final class FirstSubscriptionFails extends SubscriptionTweakingBroker {

		private final Set<String> failed = ConcurrentHashMap.newKeySet();

		FirstSubscriptionFails(LocalBroker delegate) {
			super(delegate);
		}

		@Override
		public Mono<Disposable> subscribe(String topic, BrokerListener listener) {
			Mono<Disposable> subscription = this.delegate.subscribe(topic, listener);
			boolean flaky = topic.equals(ROOM) || topic.equals(UserRoomAuthorizer.userRoom(UNLUCKY));
			if (flaky && this.failed.add(topic)) {
				return subscription.then(Mono.error(new BrokerUnavailableException("gave up on the subscription", null)));
			}
			return subscription;
		}

	}

}
