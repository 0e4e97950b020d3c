package dev.realtime.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.realtime.metrics.RealtimeMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LaneTests {

	@Test
	void framesSubmittedInOrderAreWrittenInOrderToEveryConnectionOfTheLane() {
		ExecutorService loop = Executors.newSingleThreadExecutor();
		try {
			Lane lane = Lane.of(loop);
			List<RecordingConnection> connections = List.of(new RecordingConnection(loop, "r"),
					new RecordingConnection(loop, "r"), new RecordingConnection(loop, "r"));
			for (long offset = 1; offset <= 1000; offset++) {
				OutboundFrame frame = Frames.publication("r", offset);
				lane.deliver(frame, connections, RealtimeMetrics.NONE);
				frame.release();
			}
			for (RecordingConnection connection : connections) {
				await().atMost(Duration.ofSeconds(5)).until(() -> connection.written.size() == 1000);
				for (int i = 0; i < 1000; i++) {
					assertThat(connection.written.get(i)).isEqualTo("r#" + (i + 1));
				}
			}
		}
		finally {
			loop.shutdownNow();
		}
	}

	@Test
	void aRoundOfQueuedFramesFlushesEachConnectionOnce() throws Exception {
		ExecutorService loop = Executors.newSingleThreadExecutor();
		try {
			Lane lane = Lane.of(loop);
			RecordingConnection connection = new RecordingConnection(loop, "r");
			CountDownLatch blocked = new CountDownLatch(1);
			// Hold the loop so that the frames queue up into one round.
			loop.execute(() -> {
				try {
					blocked.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			for (long offset = 1; offset <= 50; offset++) {
				OutboundFrame frame = Frames.publication("r", offset);
				lane.deliver(frame, List.of(connection), RealtimeMetrics.NONE);
				frame.release();
			}
			blocked.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> connection.written.size() == 50);
			assertThat(connection.flushes.get()).isEqualTo(1);
		}
		finally {
			loop.shutdownNow();
		}
	}

	@Test
	void concurrentSubmittersKeepTheirOwnOrderAndLoseNothing() throws Exception {
		ExecutorService loop = Executors.newSingleThreadExecutor();
		ExecutorService submitters = Executors.newFixedThreadPool(4);
		try {
			Lane lane = Lane.of(loop);
			RecordingConnection connection = new RecordingConnection(loop, "r0", "r1", "r2", "r3");
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			for (int s = 0; s < 4; s++) {
				String room = "r" + s;
				done.add(submitters.submit(() -> {
					for (long offset = 1; offset <= 500; offset++) {
						OutboundFrame frame = Frames.publication(room, offset);
						lane.deliver(frame, connection);
						frame.release();
					}
				}));
			}
			for (java.util.concurrent.Future<?> future : done) {
				future.get();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> connection.written.size() == 2000);
			// Each submitter's frames keep its order; how they interleave is free.
			for (int s = 0; s < 4; s++) {
				String room = "r" + s + "#";
				List<String> own = connection.written.stream().filter((w) -> w.startsWith(room)).toList();
				assertThat(own).hasSize(500);
				for (int i = 0; i < 500; i++) {
					assertThat(own.get(i)).isEqualTo(room + (i + 1));
				}
			}
		}
		finally {
			submitters.shutdownNow();
			loop.shutdownNow();
		}
	}

}
