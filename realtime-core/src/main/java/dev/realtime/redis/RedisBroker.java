package dev.realtime.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.Replay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A {@link Broker} on Redis, for several nodes behind a load balancer.
 * <ul>
 * <li>A publication is one Lua script: read or create the room's epoch, increment its offset,
 * append to its stream (entry id = offset, {@code MAXLEN} = the history size), refresh the ttl,
 * and publish offset, epoch and payload on the room's channel. One round trip, whatever the
 * number of nodes; offsets live only in Redis, so two nodes never hand out the same one.</li>
 * <li>A node subscribes a room's channel only while it has members there; the subscription is
 * live once Redis confirmed it and the node read where the room stands.</li>
 * <li>Pub/sub is at-most-once: each {@link RedisTopic} repairs a gap (or a reconnect) from the
 * stream, and tells its listeners to resync only when the stream no longer holds what was
 * lost.</li>
 * <li>Redis unreachable: publishing fails within the timeout with
 * {@link BrokerUnavailableException}; the connections come back by themselves.</li>
 * </ul>
 */
public final class RedisBroker implements Broker {

	private static final Logger logger = LoggerFactory.getLogger(RedisBroker.class);

	private static final RedisScript PUBLISH = RedisScript.load("publish");

	private static final RedisScript POSITION = RedisScript.load("position");

	private static final RedisScript HISTORY = RedisScript.load("history");

	private static final StreamPosition INTERNAL = new StreamPosition(0, "");

	private final RedisConnections connections;

	private final RedisKeys keys;

	private final HistoryLimits limits;

	private final Duration timeout;

	private final boolean sharded;

	private final ChannelSubscriptions channels;

	private final ConcurrentMap<String, RedisTopic> topics = new ConcurrentHashMap<>();

	/**
	 * @param connections the connections to Redis
	 * @param keyPrefix what every key and channel of the engine starts with
	 * @param limits the rooms' windows: their size and ttl ({@code size} becomes the stream's
	 * {@code MAXLEN}; the byte limits are Redis's own {@code maxmemory} to set)
	 * @param timeout how long a call to Redis may take before it fails as unavailable
	 * @param sharded whether to use sharded pub/sub ({@code SSUBSCRIBE}/{@code SPUBLISH}), so
	 * that in Redis Cluster a publication travels only within the shard that owns its room
	 */
	public RedisBroker(RedisConnections connections, String keyPrefix, HistoryLimits limits, Duration timeout,
			boolean sharded) {
		this.connections = connections;
		this.keys = new RedisKeys(keyPrefix);
		this.limits = limits;
		this.timeout = timeout;
		this.sharded = sharded;
		this.channels = new ChannelSubscriptions(connections, sharded);
		connections.onMessage(this::dispatch);
		connections.onReconnect(this::reconnected);
	}

	@Override
	public Mono<Publication> publish(String topic, EncodedEvent event) {
		return call(Mono.defer(() -> {
			byte[] payload = RedisPayload.encode(event);
			if (topic.startsWith(INTERNAL_PREFIX)) {
				return publishRaw(topic, RedisMessage.publication(payload))
					.thenReturn(new Publication(topic, 0, "", event));
			}
			byte[][] keys = { this.keys.meta(topic), this.keys.stream(topic), this.keys.channel(topic) };
			return PUBLISH
				.run(this.connections.commands(), keys, payload, RedisScript.arg(this.limits.size()), ttlSeconds(),
						RedisScript.arg(newEpoch()), RedisScript.arg(this.sharded ? "spublish" : "publish"))
				.map((reply) -> new Publication(topic, (Long) reply.get(0), string(reply.get(1)), event));
		}));
	}

	@Override
	public Mono<Void> publishJoin(String topic, ClientInfo client) {
		return call(publishRaw(topic, RedisMessage.join(client)));
	}

	@Override
	public Mono<Void> publishLeave(String topic, ClientInfo client) {
		return call(publishRaw(topic, RedisMessage.leave(client)));
	}

	private Mono<Void> publishRaw(String topic, byte[] message) {
		byte[] channel = this.keys.channel(topic);
		return (this.sharded ? this.connections.commands().spublish(channel, message)
				: this.connections.commands().publish(channel, message))
			.then();
	}

	@Override
	public Mono<Disposable> subscribe(String topic, BrokerListener listener) {
		return Mono.defer(() -> {
			RedisTopic[] created = new RedisTopic[1];
			RedisTopic subscribed = this.topics.compute(topic, (name, existing) -> {
				RedisTopic live = existing;
				if (live == null) {
					live = new RedisTopic(name, this.keys.channel(name), (since) -> repairRead(name, since));
					created[0] = live;
				}
				live.addListener(listener);
				return live;
			});
			if (created[0] != null) {
				open(created[0]);
			}
			Disposable subscription = () -> close(subscribed, listener);
			return call(subscribed.live()).thenReturn(subscription).doOnError((ex) -> subscription.dispose());
		});
	}

	/** Subscribes the room's channel, then reads where the room stands: then it is live. */
	private void open(RedisTopic topic) {
		this.channels.subscribe(topic.channel)
			.then(topic.room.startsWith(INTERNAL_PREFIX) ? Mono.just(INTERNAL) : readPosition(topic.room))
			.subscribe(topic::baseline, (ex) -> {
				logger.warn("Subscribing room '{}' failed", topic.room, ex);
				this.topics.remove(topic.room, topic);
				topic.failed(ex);
			});
	}

	private void close(RedisTopic topic, BrokerListener listener) {
		this.topics.computeIfPresent(topic.room, (name, current) -> {
			if (current != topic || !topic.removeListener(listener)) {
				return current;
			}
			// Queued inside the map's lock: a later subscription of the room comes after it.
			this.channels.unsubscribe(topic.channel);
			return null;
		});
	}

	@Override
	public Mono<Replay> history(String topic, StreamPosition since, int limit) {
		return call(Mono.defer(() -> {
			byte[][] keys = { this.keys.meta(topic), this.keys.stream(topic) };
			return HISTORY
				.run(this.connections.commands(), keys, RedisScript.arg(since.offset() + 1), RedisScript.arg(limit),
						RedisScript.arg(this.limits.ttl().toMillis()), RedisScript.arg(newEpoch()), ttlSeconds())
				.map((reply) -> replay(topic, since, limit, reply));
		}));
	}

	@SuppressWarnings("unchecked")
	private static Replay replay(String topic, StreamPosition since, int limit, List<Object> reply) {
		StreamPosition position = new StreamPosition((Long) reply.get(0), string(reply.get(1)));
		if (!position.epoch().equals(since.epoch()) || since.offset() > position.offset()) {
			return new Replay(List.of(), false, position);
		}
		List<Object> kept = (List<Object>) reply.get(2);
		List<Publication> publications = new ArrayList<>(kept.size() / 2);
		// Newest first from the script: read back to front for offset order.
		for (int i = kept.size() - 2; i >= 0; i -= 2) {
			String id = string(kept.get(i));
			long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
			publications.add(new Publication(topic, offset, position.epoch(),
					RedisPayload.decode((byte[]) kept.get(i + 1), 0)));
		}
		long first = publications.isEmpty() ? position.offset() + 1 : publications.get(0).offset();
		boolean recovered = first == since.offset() + 1 && position.offset() - since.offset() <= limit;
		return new Replay(publications, recovered, position);
	}

	@Override
	public Mono<StreamPosition> position(String topic) {
		return call(readPosition(topic));
	}

	private Mono<StreamPosition> readPosition(String topic) {
		return Mono.defer(() -> POSITION
			.run(this.connections.commands(), new byte[][] { this.keys.meta(topic) }, RedisScript.arg(newEpoch()),
					ttlSeconds())
			.map((reply) -> new StreamPosition((Long) reply.get(0), string(reply.get(1)))));
	}

	/** What a topic reads to repair a gap from {@code since}: as much as the window holds. */
	private Mono<Replay> repairRead(String topic, long since) {
		return position(topic).flatMap((position) -> history(topic, new StreamPosition(since, position.epoch()),
				Math.max(this.limits.size(), 1)));
	}

	@Override
	public Mono<Void> ping() {
		return call(this.connections.commands().ping()).then();
	}

	/** Number of rooms this node is subscribed to. */
	public int subscribedRooms() {
		return this.topics.size();
	}

	private void dispatch(byte[] channel, byte[] message) {
		String room = this.keys.roomOf(channel);
		RedisTopic topic = (room != null) ? this.topics.get(room) : null;
		if (topic != null) {
			topic.message(message);
		}
	}

	/**
	 * The pub/sub connection is back: subscribes every room again (Lettuce does too, but this
	 * says when it is done), then each repairs what was published meanwhile.
	 */
	private void reconnected() {
		List<RedisTopic> open = List.copyOf(this.topics.values());
		logger.info("Redis pub/sub reconnected: resubscribing {} rooms and repairing them", open.size());
		this.channels.resubscribe(open.stream().map((topic) -> topic.channel).toList())
			.subscribe(null, (ex) -> logger.warn("Resubscribing after a reconnect failed", ex),
					() -> open.forEach(RedisTopic::reconnected));
	}

	/**
	 * {@code call} within the timeout; a failure to reach Redis, including a connection known to
	 * be down, is a {@link BrokerUnavailableException}.
	 */
	private <T> Mono<T> call(Mono<T> call) {
		return Mono.defer(() -> {
			if (!this.connections.isConnected()) {
				return Mono.error(new BrokerUnavailableException("Redis is not connected", null));
			}
			return call.timeout(this.timeout);
		}).onErrorMap((ex) -> !(ex instanceof BrokerUnavailableException),
				(ex) -> new BrokerUnavailableException((ex instanceof TimeoutException)
						? "Redis did not answer within " + this.timeout.toMillis() + " ms" : "Redis failed: " + ex, ex));
	}

	private byte[] ttlSeconds() {
		return RedisScript.arg(Math.max(this.limits.ttl().toSeconds(), 1));
	}

	private static String newEpoch() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	private static String string(Object bulk) {
		return new String((byte[]) bulk, StandardCharsets.UTF_8);
	}

}
