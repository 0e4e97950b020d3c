package dev.realtime.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The {@link NotificationStore} contract, which every backend runs. Each test uses users of its
 * own.
 */
public abstract class NotificationStoreContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final String prefix = "u" + UUID.randomUUID().toString().substring(0, 8) + "-";

	private final List<NotificationStore> stores = new ArrayList<>();

	/** A new store keeping {@code maxPerUser} notifications per user for {@code maxAge}. */
	protected abstract NotificationStore createStore(int maxPerUser, Duration maxAge);

	private NotificationStore store(int maxPerUser, Duration maxAge) {
		NotificationStore store = createStore(maxPerUser, maxAge);
		this.stores.add(store);
		return store;
	}

	private NotificationStore store() {
		return store(100, Duration.ofHours(1));
	}

	@AfterEach
	void closeStores() throws Exception {
		for (NotificationStore store : this.stores) {
			if (store instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
	}

	protected String user(String name) {
		return this.prefix + name;
	}

	@Test
	void anAddedNotificationIsUnreadWithItsContentAnIdAndTheTimeItWasStored() {
		NotificationStore store = store();
		JsonNode data = JsonMapper.shared().valueToTree(Map.of("order", 42));
		long before = System.currentTimeMillis();
		Notification added = store
			.add(user("ann"), NewNotification.of("Shipped", "ETA Monday").withCategory("orders"), data)
			.block(WAIT);
		assertThat(added.id()).isNotBlank();
		assertThat(added.timestamp()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
		assertThat(added).isEqualTo(new Notification(added.id(), "Shipped", "ETA Monday", "orders", data,
				added.timestamp(), false));
		assertThat(store.unread(user("ann")).collectList().block(WAIT)).containsExactly(added);
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(1);
	}

	@Test
	void aNotificationNeedsNeitherBodyNorData() {
		NotificationStore store = store();
		Notification added = store.add(user("ann"), NewNotification.of("Hi", null), null).block(WAIT);
		assertThat(store.list(user("ann"), NotificationPage.first(10)).collectList().block(WAIT)).singleElement()
			.satisfies((listed) -> {
				assertThat(listed).isEqualTo(added);
				assertThat(listed.body()).isNull();
				assertThat(listed.data()).isNull();
				assertThat(listed.category()).isEqualTo(NewNotification.DEFAULT_CATEGORY);
			});
	}

	@Test
	void everyAnswerIsNewestFirstAndIdsAreNeverReused() {
		NotificationStore store = store();
		List<String> ids = add(store, "ann", 5);
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(titles(store.unread(user("ann")).collectList().block(WAIT))).containsExactly("n5", "n4", "n3",
				"n2", "n1");
		assertThat(titles(store.list(user("ann"), NotificationPage.first(10)).collectList().block(WAIT)))
			.containsExactly("n5", "n4", "n3", "n2", "n1");
	}

	@Test
	void markingReadMarksOnlyThoseGivenOnceAndCountsWhatIsLeftUnread() {
		NotificationStore store = store();
		List<String> ids = add(store, "ann", 3);
		ReadMark mark = store.markRead(user("ann"), List.of(ids.get(0), ids.get(2))).block(WAIT);
		assertThat(mark).isEqualTo(new ReadMark(List.of(ids.get(0), ids.get(2)), 1));
		assertThat(titles(store.unread(user("ann")).collectList().block(WAIT))).containsExactly("n2");
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(1);
		assertThat(store.list(user("ann"), NotificationPage.first(10)).collectList().block(WAIT))
			.extracting(Notification::read)
			.containsExactly(true, false, true);
		// Marked already: nothing changes, and the mark says so.
		assertThat(store.markRead(user("ann"), List.of(ids.get(0))).block(WAIT)).isEqualTo(new ReadMark(List.of(), 1));
	}

	@Test
	void idsTheInboxDoesNotHoldAreIgnored() {
		NotificationStore store = store();
		List<String> ids = add(store, "ann", 1);
		List<String> others = add(store, "bob", 1);
		ReadMark mark = store.markRead(user("ann"), List.of("nonsense", "", "1-1", others.get(0), ids.get(0), ids.get(0)))
			.block(WAIT);
		assertThat(mark).isEqualTo(new ReadMark(List.of(ids.get(0)), 0));
		assertThat(store.unreadCount(user("bob")).block(WAIT)).isEqualTo(1);
	}

	@Test
	void markingAllReadMarksEveryUnreadOneAndNotThoseAddedAfter() {
		NotificationStore store = store();
		List<String> ids = add(store, "ann", 3);
		store.markRead(user("ann"), List.of(ids.get(1))).block(WAIT);
		ReadMark mark = store.markAllRead(user("ann")).block(WAIT);
		assertThat(mark.ids()).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
		assertThat(mark.unread()).isZero();
		assertThat(store.unread(user("ann")).collectList().block(WAIT)).isEmpty();
		store.add(user("ann"), NewNotification.of("later", null), null).block(WAIT);
		assertThat(titles(store.unread(user("ann")).collectList().block(WAIT))).containsExactly("later");
		assertThat(store.markAllRead(user("nobody")).block(WAIT)).isEqualTo(new ReadMark(List.of(), 0));
	}

	@Test
	void pagesFollowEachOtherFromTheLastIdOfThePreviousOne() {
		NotificationStore store = store();
		add(store, "ann", 5);
		NotificationPage first = NotificationPage.first(2);
		List<Notification> page1 = store.list(user("ann"), first).collectList().block(WAIT);
		List<Notification> page2 = store.list(user("ann"), first.after(page1.get(1).id())).collectList().block(WAIT);
		List<Notification> page3 = store.list(user("ann"), first.after(page2.get(1).id())).collectList().block(WAIT);
		assertThat(titles(page1)).containsExactly("n5", "n4");
		assertThat(titles(page2)).containsExactly("n3", "n2");
		assertThat(titles(page3)).containsExactly("n1");
		assertThat(store.list(user("ann"), first.after(page3.get(0).id())).collectList().block(WAIT)).isEmpty();
	}

	@Test
	void aPageAfterSomethingThatIsNoIdIsRefused() {
		NotificationStore store = store();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> store.list(user("ann"), NotificationPage.first(10).after("nonsense")).blockLast(WAIT));
	}

	@Test
	void beyondTheMaxCountTheOldestAreEvictedReadOrNot() {
		NotificationStore store = store(3, Duration.ofHours(1));
		List<String> ids = add(store, "ann", 2);
		store.markRead(user("ann"), List.of(ids.get(0))).block(WAIT);
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(1);
		store.add(user("ann"), NewNotification.of("n3", null), null).block(WAIT);
		store.add(user("ann"), NewNotification.of("n4", null), null).block(WAIT);
		store.add(user("ann"), NewNotification.of("n5", null), null).block(WAIT);
		assertThat(titles(store.list(user("ann"), NotificationPage.first(10)).collectList().block(WAIT)))
			.containsExactly("n5", "n4", "n3");
		// The read n1 went with its read state: the count is still right.
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(3);
		assertThat(store.markRead(user("ann"), ids).block(WAIT)).isEqualTo(new ReadMark(List.of(), 3));
	}

	@Test
	void notificationsOlderThanTheMaxAgeAreGoneWithoutAnythingAdded() {
		NotificationStore store = store(100, Duration.ofMillis(1500));
		List<String> ids = add(store, "ann", 2);
		store.markRead(user("ann"), List.of(ids.get(0))).block(WAIT);
		await().atMost(WAIT).until(() -> store.list(user("ann"), NotificationPage.first(10)).collectList().block(WAIT).isEmpty());
		assertThat(store.unread(user("ann")).collectList().block(WAIT)).isEmpty();
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isZero();
		Notification fresh = store.add(user("ann"), NewNotification.of("fresh", null), null).block(WAIT);
		assertThat(store.unread(user("ann")).collectList().block(WAIT)).containsExactly(fresh);
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(1);
	}

	@Test
	void aYoungNotificationOutlivesAnOldOne() {
		NotificationStore store = store(100, Duration.ofSeconds(2));
		store.add(user("ann"), NewNotification.of("old", null), null).block(WAIT);
		await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
		store.add(user("ann"), NewNotification.of("young", null), null).block(WAIT);
		await().atMost(WAIT)
			.until(() -> titles(store.unread(user("ann")).collectList().block(WAIT)).equals(List.of("young")));
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(1);
	}

	@Test
	void usersAreIndependent() {
		NotificationStore store = store();
		add(store, "ann", 2);
		assertThat(store.unread(user("bob")).collectList().block(WAIT)).isEmpty();
		assertThat(store.unreadCount(user("bob")).block(WAIT)).isZero();
		store.markAllRead(user("bob")).block(WAIT);
		assertThat(store.unreadCount(user("ann")).block(WAIT)).isEqualTo(2);
	}

	/** Adds {@code count} notifications titled n1, n2... to {@code name}; their ids, oldest first. */
	private List<String> add(NotificationStore store, String name, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			ids.add(store.add(user(name), NewNotification.of("n" + i, null), null).block(WAIT).id());
		}
		return ids;
	}

	private static List<String> titles(List<Notification> notifications) {
		return notifications.stream().map(Notification::title).toList();
	}

}
