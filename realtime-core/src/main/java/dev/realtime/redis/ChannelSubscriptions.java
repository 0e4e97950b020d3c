package dev.realtime.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.concurrent.Queues;

/**
 * Subscribes and unsubscribes the pub/sub connection's channels in the order they were asked
 * for, one command at a time, with every request of the same kind that waits batched into one
 * command: a thousand rooms opening at once cost a few {@code SUBSCRIBE}s, not a thousand.
 * Each request completes when Redis confirmed its command: a subscription is then live.
 */
final class ChannelSubscriptions {

	private final RedisConnections connections;

	private final boolean sharded;

	private final Queue<Request> queue = Queues.<Request>unboundedMultiproducer().get();

	private final AtomicBoolean running = new AtomicBoolean();

	ChannelSubscriptions(RedisConnections connections, boolean sharded) {
		this.connections = connections;
		this.sharded = sharded;
	}

	/** Subscribes {@code channel}; completes once it is confirmed. */
	Mono<Void> subscribe(byte[] channel) {
		return Mono.create((sink) -> enqueue(new Request(true, channel, sink)));
	}

	/** Unsubscribes {@code channel}, after every request made before. */
	void unsubscribe(byte[] channel) {
		enqueue(new Request(false, channel, null));
	}

	/** Subscribes every channel of {@code channels} again; completes once confirmed. */
	Mono<Void> resubscribe(List<byte[]> channels) {
		if (channels.isEmpty()) {
			return Mono.empty();
		}
		return this.connections.subscribe(this.sharded, channels.toArray(byte[][]::new));
	}

	private void enqueue(Request request) {
		this.queue.offer(request);
		if (this.running.compareAndSet(false, true)) {
			next();
		}
	}

	private void next() {
		List<Request> batch = new ArrayList<>();
		Request head = this.queue.peek();
		while (head != null && (batch.isEmpty() || head.subscribe() == batch.get(0).subscribe())) {
			batch.add(this.queue.poll());
			head = this.queue.peek();
		}
		if (batch.isEmpty()) {
			this.running.set(false);
			// A request offered after the last poll, before the flag was cleared, would wait.
			if (!this.queue.isEmpty() && this.running.compareAndSet(false, true)) {
				next();
			}
			return;
		}
		byte[][] channels = batch.stream().map(Request::channel).toArray(byte[][]::new);
		Mono<Void> command = batch.get(0).subscribe() ? this.connections.subscribe(this.sharded, channels)
				: this.connections.unsubscribe(this.sharded, channels);
		command.subscribe(null, (ex) -> {
			batch.forEach((request) -> request.fail(ex));
			next();
		}, () -> {
			batch.forEach(Request::done);
			next();
		});
	}

	private record Request(boolean subscribe, byte[] channel, @Nullable MonoSink<Void> sink) {

		void done() {
			if (this.sink != null) {
				this.sink.success();
			}
		}

		void fail(Throwable ex) {
			if (this.sink != null) {
				this.sink.error(ex);
			}
		}

	}

}
