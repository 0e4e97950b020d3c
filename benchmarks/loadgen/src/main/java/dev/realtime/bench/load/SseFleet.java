package dev.realtime.bench.load;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Many Server-Sent Events subscribers of one server: {@code GET {ssePath}?room=r}, each on its
 * own connection. A server that answers anything but 200 (404 when it has no SSE endpoint) is
 * remembered in {@link #refusedStatus()} so the scenario can say why it was skipped.
 */
final class SseFleet implements AutoCloseable {

	private final int port;

	private final String path;

	private final LoopResources loops;

	private final Deliveries deliveries = new Deliveries();

	private final Queue<Disposable> streams = new ConcurrentLinkedQueue<>();

	private final LongAdder failed = new LongAdder();

	private final AtomicInteger refusedStatus = new AtomicInteger();

	private int opened;

	SseFleet(int port, String path, LoopResources loops) {
		this.port = port;
		this.path = path;
		this.loops = loops;
	}

	/** Opens {@code count} streams on {@code room}; returns once each got its response headers. */
	void connect(int count, String room, int concurrency, Duration timeout) {
		int first = this.opened;
		this.opened += count;
		Flux.range(first, count)
			.flatMap((i) -> open(i, room).onErrorResume((ex) -> {
				this.failed.increment();
				return Mono.empty();
			}), concurrency)
			.then()
			.block(timeout);
	}

	private Mono<Void> open(int index, String room) {
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.bindAddress(() -> SourceAddresses.forConnection(index));
		return Mono.create((sink) -> this.streams.add(client.get()
			.uri("http://127.0.0.1:" + this.port + this.path + "?room=" + room)
			.responseConnection((response, connection) -> {
				if (response.status().code() != 200) {
					this.refusedStatus.set(response.status().code());
					sink.success();
					return Mono.empty();
				}
				sink.success();
				EventParser parser = new EventParser(this.deliveries);
				connection.onDispose(parser::release);
				return connection.inbound().receive().doOnNext(parser::feed).then();
			})
			.subscribe(null, sink::error)));
	}

	Deliveries deliveries() {
		return this.deliveries;
	}

	/** The status a server answered instead of a stream, or 0. */
	int refusedStatus() {
		return this.refusedStatus.get();
	}

	long failed() {
		return this.failed.sum();
	}

	@Override
	public void close() {
		Disposable stream;
		while ((stream = this.streams.poll()) != null) {
			stream.dispose();
		}
	}

	/** Splits one stream's bytes into events at blank lines, across chunk boundaries. */
	private static final class EventParser {

		private final Deliveries deliveries;

		private final Deliveries.ConnectionOrder order = new Deliveries.ConnectionOrder();

		private final ByteBuf pending = Unpooled.buffer(512);

		EventParser(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		void feed(ByteBuf chunk) {
			this.pending.writeBytes(chunk);
			int start = this.pending.readerIndex();
			for (int i = start; i < this.pending.writerIndex() - 1; i++) {
				if (this.pending.getByte(i) == '\n' && this.pending.getByte(i + 1) == '\n') {
					long sent = TickScanner.sentMicros(this.pending, start, i);
					if (sent >= 0) {
						this.deliveries.onTick(TickScanner.seq(this.pending, start, i), sent, this.order);
					}
					start = i + 2;
					i++;
				}
			}
			this.pending.readerIndex(start);
			this.pending.discardReadBytes();
		}

		void release() {
			this.pending.release();
		}

	}

}
