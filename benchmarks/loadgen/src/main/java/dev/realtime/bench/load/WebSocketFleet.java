package dev.realtime.bench.load;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Many WebSocket subscribers of one server, each on its own connection from one of the
 * {@link SourceAddresses}, each subscribed to one room.
 */
final class WebSocketFleet implements AutoCloseable {

	private final ServerKind kind;

	private final int port;

	private final LoopResources loops;

	private final Deliveries deliveries;

	private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();

	private final LongAdder closed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private int opened;

	private boolean compress;

	WebSocketFleet(ServerKind kind, int port, LoopResources loops) {
		this(kind, port, loops, new Deliveries());
	}

	/**
	 * Makes the connections opened from now on offer permessage-deflate (RFC 7692), which a
	 * server with compression on accepts: frames then arrive deflated and are inflated in the
	 * client pipeline after the byte count at its head.
	 */
	WebSocketFleet compress(boolean compress) {
		this.compress = compress;
		return this;
	}

	/**
	 * A fleet whose receptions count into {@code deliveries}, which fleets connected to other nodes
	 * of the same cluster share: a window counts every subscriber of the room, on every node.
	 */
	WebSocketFleet(ServerKind kind, int port, LoopResources loops, Deliveries deliveries) {
		this.kind = kind;
		this.port = port;
		this.loops = loops;
		this.deliveries = deliveries;
	}

	/**
	 * Opens {@code count} more connections, connection {@code i} subscribing to {@code roomOf(i)},
	 * at most {@code concurrency} handshakes at a time; returns once every handshake is done or
	 * failed. Subscriptions complete asynchronously: ask the server for its count.
	 */
	void connect(int count, IntFunction<String> roomOf, int concurrency, Duration timeout) {
		connectMany(count, (i) -> java.util.List.of(roomOf.apply(i)), concurrency, timeout);
	}

	/** As above, connection {@code i} subscribing to every room of {@code roomsOf(i)} (our protocol only). */
	void connectMany(int count, IntFunction<java.util.List<String>> roomsOf, int concurrency, Duration timeout) {
		int first = this.opened;
		this.opened += count;
		Flux.range(first, count)
			.flatMap((i) -> connectOne(i, roomsOf.apply(i)).onErrorResume((ex) -> {
				if (this.failed.sum() < 3) {
					System.err.println("connection " + i + " failed: " + ex);
				}
				this.failed.increment();
				return Mono.empty();
			}), concurrency)
			.then()
			.block(timeout);
	}

	private Mono<Void> connectOne(int index, java.util.List<String> rooms) {
		WireProtocol protocol = this.kind.protocol();
		String room = rooms.get(0);
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.bindAddress(() -> SourceAddresses.forConnection(index))
			.responseTimeout(Duration.ofSeconds(30))
			// Counts what arrives off the socket, before HTTP, WebSocket decoding or inflating.
			.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addFirst("bench-wire-bytes", new WireBytes(this.deliveries)));
		return Mono.create((sink) -> client
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).compress(this.compress).build())
			.uri("ws://127.0.0.1:" + this.port + this.kind.webSocketPath())
			.handle((in, out) -> {
				in.withConnection((connection) -> {
					this.connections.add(connection);
					connection.onDispose(this.closed::increment);
					connection.addHandlerLast("bench-subscriber",
							new SubscriberHandler(this.deliveries, protocol, room, index));
				});
				sink.success();
				// Text frames stop in the handler above; subscribing to the rest (pings, close) keeps
				// Reactor Netty reading from the socket, which it stops while nobody asks for frames.
				java.util.List<String> frames = new java.util.ArrayList<>();
				for (String each : rooms) {
					String frame = protocol.firstFrame(each, index);
					if (frame != null) {
						frames.add(frame);
					}
				}
				Mono<Void> opening = frames.isEmpty() ? Mono.empty() : out.sendString(Flux.fromIterable(frames)).then();
				return opening.then(in.receiveFrames().then());
			})
			.subscribe(null, sink::error));
	}

	Deliveries deliveries() {
		return this.deliveries;
	}

	/** Connections that opened and are still open. */
	long open() {
		return this.connections.size() - this.closed.sum();
	}

	long closed() {
		return this.closed.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	@Override
	public void close() {
		Connection connection;
		while ((connection = this.connections.poll()) != null) {
			connection.dispose();
		}
	}

	/** Adds up the bytes each read off a connection's socket carried. */
	private static final class WireBytes extends io.netty.channel.ChannelInboundHandlerAdapter {

		private final Deliveries deliveries;

		WireBytes(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		@Override
		public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof io.netty.buffer.ByteBuf bytes) {
				this.deliveries.onWireBytes(bytes.readableBytes());
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public boolean isSharable() {
			return false;
		}

	}

}
