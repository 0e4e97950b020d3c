package dev.realtime.hub;

import java.util.List;
import java.util.Map;

import dev.realtime.ClientInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GateTests {

	@Test
	void aClosedGateHoldsLiveFramesUntilItOpens() {
		Gate gate = new Gate("room", null);
		OutboundFrame first = Frames.publication("r", 7);
		OutboundFrame second = Frames.publication("r", 8);
		assertThat(gate.admits(first)).isFalse();
		assertThat(gate.admits(second)).isFalse();
		List<OutboundFrame> held = gate.open(7);
		assertThat(held).containsExactly(first, second);
		held.forEach(OutboundFrame::release);
	}

	@Test
	void anOpenGateSkipsWhatTheReplayCoveredAndPassesTheRest() {
		Gate gate = new Gate("room", null);
		gate.open(10);
		assertThat(gate.admits(Frames.publication("r", 9))).isFalse();
		assertThat(gate.admits(Frames.publication("r", 10))).isFalse();
		OutboundFrame next = Frames.publication("r", 11);
		assertThat(gate.admits(next)).isTrue();
		assertThat(gate.passedBy(next)).isTrue();
	}

	@Test
	void framesOutsideTheStreamAreNeverHeld() {
		Gate gate = new Gate("room", null);
		assertThat(gate.admits(OutboundFrame.join("r", new ClientInfo("c", "u", Map.of())))).isTrue();
		assertThat(gate.open(0)).isEmpty();
	}

	@Test
	void aGateOpenedAfterItsReplayCanBeDroppedWhenItsConnectionCloses() {
		Gate gate = new Gate("room", null);
		assertThat(gate.open(5)).isEmpty();
		// What AbstractConnection.dropGate does when the connection closes before a live frame passed.
		assertThat(gate.open(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void aConnectionWritesHeldFramesPastTheReplayInOrderOnRelease() throws Exception {
		java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			RecordingConnection connection = new RecordingConnection(loop, "r");
			loop.submit(() -> {
				connection.holdRoom("r");
				for (long offset = 3; offset <= 6; offset++) {
					OutboundFrame frame = Frames.publication("r", offset);
					connection.accept(frame);
					frame.release();
				}
				connection.releaseRoom("r", 4);
				OutboundFrame later = Frames.publication("r", 7);
				connection.accept(later);
				later.release();
			}).get();
			assertThat(connection.written).containsExactly("r#5", "r#6", "r#7");
		}
		finally {
			loop.shutdownNow();
		}
	}

	@Test
	void aConnectionDropsTheFramesOfRoomsItIsNotIn() throws Exception {
		java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			RecordingConnection connection = new RecordingConnection(loop);
			loop.submit(() -> {
				// A fan-out that started before the connection joined, or after it left.
				OutboundFrame stray = Frames.publication("r", 3);
				connection.accept(stray);
				stray.release();
				connection.addRoom("r");
				OutboundFrame member = Frames.publication("r", 4);
				connection.accept(member);
				member.release();
				connection.removeRoom("r");
				OutboundFrame left = Frames.publication("r", 5);
				connection.accept(left);
				left.release();
			}).get();
			assertThat(connection.written).containsExactly("r#4");
		}
		finally {
			loop.shutdownNow();
		}
	}

}
