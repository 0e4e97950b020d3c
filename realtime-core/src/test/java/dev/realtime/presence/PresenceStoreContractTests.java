package dev.realtime.presence;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.realtime.ClientInfo;
import dev.realtime.PresenceStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link PresenceStore} contract, which every backend runs. Each test uses rooms of its own.
 */
public abstract class PresenceStoreContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final String prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + ":";

	/** The store under test; the same one for every call within a test. */
	protected abstract PresenceStore store();

	protected String room(String name) {
		return this.prefix + name;
	}

	@Test
	void addedClientsArePresentWithTheirInfo() {
		String room = room("chat");
		ClientInfo alice = new ClientInfo("c1", "alice", Map.of("name", "Alice"));
		ClientInfo bob = new ClientInfo("c2", "bob", Map.of());
		store().add(room, alice).block(WAIT);
		store().add(room, bob).block(WAIT);
		assertThat(store().presence(room).block(WAIT)).containsOnly(Map.entry("c1", alice), Map.entry("c2", bob));
	}

	@Test
	void statsCountConnectionsAndDistinctUsers() {
		String room = room("stats");
		store().add(room, new ClientInfo("c1", "alice", Map.of())).block(WAIT);
		store().add(room, new ClientInfo("c2", "alice", Map.of())).block(WAIT);
		store().add(room, new ClientInfo("c3", "bob", Map.of())).block(WAIT);
		store().add(room, new ClientInfo("c4", null, Map.of())).block(WAIT);
		assertThat(store().stats(room).block(WAIT)).isEqualTo(new PresenceStats(4, 2));
	}

	@Test
	void addingAgainKeepsOneEntry() {
		String room = room("again");
		ClientInfo alice = new ClientInfo("c1", "alice", Map.of());
		store().add(room, alice).block(WAIT);
		store().add(room, alice).block(WAIT);
		assertThat(store().stats(room).block(WAIT)).isEqualTo(new PresenceStats(1, 1));
	}

	@Test
	void removedClientsAreGoneAndAnEmptyRoomHasNoOne() {
		String room = room("leave");
		store().add(room, new ClientInfo("c1", "alice", Map.of())).block(WAIT);
		store().add(room, new ClientInfo("c2", "bob", Map.of())).block(WAIT);
		store().remove(room, "c1").block(WAIT);
		assertThat(store().presence(room).block(WAIT)).containsOnlyKeys("c2");
		store().remove(room, "c2").block(WAIT);
		assertThat(store().presence(room).block(WAIT)).isEmpty();
		assertThat(store().stats(room).block(WAIT)).isEqualTo(new PresenceStats(0, 0));
	}

	@Test
	void roomsAreIndependent() {
		store().add(room("a"), new ClientInfo("c1", "alice", Map.of())).block(WAIT);
		assertThat(store().presence(room("b")).block(WAIT)).isEmpty();
		store().remove(room("b"), "c1").block(WAIT);
		assertThat(store().presence(room("a")).block(WAIT)).containsOnlyKeys("c1");
	}

}
