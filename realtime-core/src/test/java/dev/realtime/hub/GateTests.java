package dev.realtime.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GateTests {

	@Test
	void aGateOpenedAfterItsReplayCanBeDroppedWhenItsConnectionCloses() {
		Gate gate = new Gate();
		assertThat(gate.open(5)).isEmpty();
		// What AbstractConnection.dropGate does when the connection closes before a live frame passed.
		assertThat(gate.open(Long.MAX_VALUE)).isEmpty();
	}

}
