package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


/**
 * A real WebSocket client on Reactor Netty, for tests. Frames it receives queue up as JSON: the
 * {@code message} frames in one queue, {@code join} and {@code leave} in another, every other
 * frame (replies, errors, pongs) in a third.
 */
final class TestClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

	private final BlockingQueue<JsonNode> control = new LinkedBlockingQueue<>();

	private final BlockingQueue<JsonNode> presence = new LinkedBlockingQueue<>();

	private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<WebSocketCloseStatus> closeStatus = Sinks.one();

	/** When the server's close frame arrived ({@link System#nanoTime}), 0 until it does. */
	private volatile long closedAtNanos;

	private final AtomicInteger refs = new AtomicInteger();

	private volatile Channel channel;

	private TestClient() {
	}

	static TestClient connect(URI uri) {
		return connect(uri, false);
	}

	/** Connects, offering permessage-deflate when {@code compress}. */
	static TestClient connect(URI uri, boolean compress) {
		return connect(uri, compress, (headers) -> {
		});
	}

	/** Connects with the handshake headers {@code headers} sets. */
	static TestClient connect(URI uri, Consumer<HttpHeaders> headers) {
		return connect(uri, false, headers);
	}

	private static TestClient connect(URI uri, boolean compress, Consumer<HttpHeaders> headers) {
		return connecting(uri, compress, headers).block(TIMEOUT);
	}

	/**
	 * Connects without waiting: the client once open, or the handshake's failure, a
	 * {@link WebSocketClientHandshakeException} with the response when the server refused it.
	 */
	static Mono<TestClient> connecting(URI uri) {
		return connecting(uri, false, (headers) -> {
		});
	}

	private static Mono<TestClient> connecting(URI uri, boolean compress, Consumer<HttpHeaders> headers) {
		TestClient client = new TestClient();
		Sinks.One<Boolean> open = Sinks.one();
		// A connection of its own, outside the shared pool, which holds 500 at most: a WebSocket
		// never goes back to it.
		HttpClient.newConnection()
			.headers(headers)
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1024 * 1024).compress(compress).build())
			.uri(uri)
			.handle((in, out) -> {
				in.withConnection((connection) -> client.channel = connection.channel());
				in.receiveCloseStatus().subscribe((status) -> {
					client.closedAtNanos = System.nanoTime();
					client.closeStatus.tryEmitValue(status);
				});
				open.tryEmitValue(true);
				Mono<Void> receive = in.aggregateFrames()
					.receiveFrames()
					.filter(TextWebSocketFrame.class::isInstance)
					.doOnNext((frame) -> client.received(mapper.readTree(((TextWebSocketFrame) frame).text())))
					.then();
				return out.sendObject(client.outbound.asFlux()).then().and(receive);
			})
			.subscribe(null, (ex) -> open.tryEmitError(ex));
		return open.asMono().thenReturn(client);
	}

	private void received(JsonNode frame) {
		String type = frame.path("type").asString("");
		switch (type) {
			case "message" -> this.messages.add(frame);
			case "join", "leave" -> this.presence.add(frame);
			default -> this.control.add(frame);
		}
	}


	void send(String text) {
		this.outbound.emitNext(new TextWebSocketFrame(text), Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
	}

	/** Sends a text frame of {@code bytes} as they are, valid UTF-8 or not. */
	void sendText(byte[] bytes) {
		this.outbound.emitNext(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)),
				Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
	}

	void sendBinary(byte[] bytes) {
		this.outbound.emitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)),
				Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
	}

	/** Sends {@code json} with a fresh {@code ref} (the JSON must leave room: end with '}'). */
	JsonNode request(String json) {
		String ref = "r" + this.refs.incrementAndGet();
		send(json.substring(0, json.lastIndexOf('}')) + ",\"ref\":\"" + ref + "\"}");
		return await((frame) -> ref.equals(frame.path("ref").asString(null)));
	}

	JsonNode subscribe(String room) {
		JsonNode reply = request("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
		if (!reply.path("ok").asBoolean(false)) {
			throw new AssertionError("subscribe failed: " + reply);
		}
		return reply;
	}

	/** The next control frame matching {@code condition}; control frames before it are dropped. */
	JsonNode await(Predicate<JsonNode> condition) {
		return await(condition, TIMEOUT);
	}

	/** The next control frame matching {@code condition} within {@code timeout}; others are dropped. */
	JsonNode await(Predicate<JsonNode> condition, Duration timeout) {
		return await(condition, timeout, () -> "");
	}

	/** As {@link #await(Predicate, Duration)}, saying what {@code context} says when none comes. */
	JsonNode await(Predicate<JsonNode> condition, Duration timeout, Supplier<String> context) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<JsonNode> skipped = new ArrayList<>();
		for (;;) {
			JsonNode frame = poll(this.control, deadline - System.nanoTime());
			if (frame == null) {
				throw new AssertionError(context.get() + ": no matching frame within " + timeout + ", but " + skipped.size()
						+ " others, the last ones: " + skipped.subList(Math.max(0, skipped.size() - 3), skipped.size()));
			}
			skipped.add(frame);
			if (condition.test(frame)) {
				return frame;
			}
		}
	}

	/** The next {@code message} frame. */
	JsonNode nextMessage() {
		JsonNode frame = poll(this.messages, TIMEOUT.toNanos());
		if (frame == null) {
			throw new AssertionError("no message within " + TIMEOUT);
		}
		return frame;
	}

	/** The next {@code count} messages, in order. */
	List<JsonNode> messages(int count) {
		List<JsonNode> messages = new ArrayList<>(count);
		while (messages.size() < count) {
			messages.add(nextMessage());
		}
		return messages;
	}

	/** Adds the offsets of the messages received since the last call to {@code seen}, in order. */
	void takeOffsets(List<Long> seen) {
		for (JsonNode message = poll(this.messages, 0); message != null; message = poll(this.messages, 0)) {
			seen.add(message.path("offset").asLong());
		}
	}

	/** Adds the offsets of the messages received to {@code seen} until one of {@code last} or past it came. */
	void takeOffsetsThrough(List<Long> seen, long last) {
		Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
			takeOffsets(seen);
			return !seen.isEmpty() && seen.get(seen.size() - 1) >= last;
		});
	}

	/** The offsets from {@code first} to {@code last}, both included: what a gapless, duplicate-free client sees. */
	static List<Long> offsets(long first, long last) {
		List<Long> offsets = new ArrayList<>();
		for (long offset = first; offset <= last; offset++) {
			offsets.add(offset);
		}
		return offsets;
	}

	/** The next message within {@code nanos}, or {@code null}. */
	JsonNode pollMessage(long nanos) {
		return poll(this.messages, nanos);
	}

	private static JsonNode poll(BlockingQueue<JsonNode> queue, long nanos) {
		try {
			return queue.poll(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The close status the server sent, if it sent one within {@code timeout}. */
	WebSocketCloseStatus closeStatus(Duration timeout) {
		return this.closeStatus.asMono().block(timeout);
	}

	/** The next control frame, or {@code null} when none came within {@code timeout}. */
	JsonNode pollControl(Duration timeout) {
		return poll(this.control, timeout.toNanos());
	}

	/** The next {@code join} or {@code leave} frame, or {@code null} when none came within {@code timeout}. */
	JsonNode pollPresence(Duration timeout) {
		return poll(this.presence, timeout.toNanos());
	}

	/** The close status the server sent, waiting for it. */
	long closedAtNanos() {
		return this.closedAtNanos;
	}

	WebSocketCloseStatus closeStatus() {
		return this.closeStatus.asMono().block(TIMEOUT);
	}

	boolean isOpen() {
		return this.channel != null && this.channel.isActive();
	}

	@Override
	public void close() {
		if (this.channel != null) {
			this.channel.close().awaitUninterruptibly(TIMEOUT.toMillis());
		}
	}

}
