package dev.realtime.presence;

import java.util.Map;

import dev.realtime.ClientInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryPresenceStoreTests extends PresenceStoreContractTests {

	private final InMemoryPresenceStore store = new InMemoryPresenceStore();

	@Override
	protected PresenceStore store() {
		return this.store;
	}

	@Test
	void anEmptiedRoomTakesNoMemory() {
		this.store.add("room", new ClientInfo("c1", "alice", Map.of())).block();
		this.store.remove("room", "c1").block();
		assertThat(this.store.rooms()).isZero();
	}

}
