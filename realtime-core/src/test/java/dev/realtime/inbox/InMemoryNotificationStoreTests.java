package dev.realtime.inbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InMemoryNotificationStoreTests extends NotificationStoreContractTests {

	@Override
	protected NotificationStore createStore(int maxPerUser, Duration maxAge) {
		return new InMemoryNotificationStore(maxPerUser, maxAge);
	}

	@Test
	void aUserWhoNeverComesBackTakesNoMemoryOnceTheirNotificationsExpired() {
		try (InMemoryNotificationStore store = new InMemoryNotificationStore(10, Duration.ofMillis(300))) {
			store.add(user("gone"), NewNotification.of("hello", null), null).block();
			assertThat(store.users()).isOne();
			await().atMost(Duration.ofSeconds(5)).until(() -> store.users() == 0);
		}
	}

}
