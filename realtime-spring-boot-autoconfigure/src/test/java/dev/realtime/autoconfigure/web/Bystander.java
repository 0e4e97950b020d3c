package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved client beside an attack: subscribed to a room of its own, in which the server
 * publishes every few milliseconds while the attack goes on. {@link #assertServed()} checks that
 * it received every publication, in order, and still gets answers.
 */
final class Bystander implements AutoCloseable {

	private final RealtimeHub hub;

	private final TestClient client;

	private final String room;

	private final AtomicLong published = new AtomicLong();

	private final Thread publisher;

	private volatile boolean stopped;

	private Bystander(RealtimeHub hub, int port, String name) {
		this.hub = hub;
		this.room = "calm-" + name;
		this.client = TestClient.connect(URI.create("ws://localhost:" + port + "/realtime/ws?user=" + name));
		this.client.subscribe(this.room);
		this.publisher = new Thread(this::publish, "bystander-publisher");
		this.publisher.start();
	}

	/** Connects {@code name}, subscribes it, and starts publishing to it. */
	static Bystander start(RealtimeHub hub, int port, String name) {
		return new Bystander(hub, port, name);
	}

	private void publish() {
		while (!this.stopped) {
			this.hub.publish(this.room, Event.message(this.published.get() + 1)).block();
			this.published.incrementAndGet();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Stops publishing, then checks that every publication arrived in order and that a request
	 * is still answered.
	 */
	void assertServed() throws InterruptedException {
		this.stopped = true;
		this.publisher.join();
		int count = (int) this.published.get();
		assertThat(count).as("publications while the attack went on").isPositive();
		List<JsonNode> received = this.client.messages(count);
		for (int i = 0; i < count; i++) {
			assertThat(received.get(i).path("data").asLong()).isEqualTo(i + 1);
		}
		assertThat(this.client.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		assertThat(this.client.isOpen()).isTrue();
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped = true;
		this.publisher.join();
		this.client.close();
	}

	/**
	 * Checks that a WebSocket client and an SSE stream, both in room {@code news}, are still
	 * served: a ping is answered, and a publication reaches both.
	 */
	static void assertServed(RealtimeHub hub, TestClient client, SseTestClient stream) throws InterruptedException {
		assertThat(client.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		long offset = hub.publish("news", Event.message("still here")).block().offset();
		assertThat(client.nextMessage().path("offset").asLong()).isEqualTo(offset);
		assertThat(stream.next("message").json().path("offset").asLong()).isEqualTo(offset);
	}

}
