package dev.realtime.redis;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.publisher.Mono;

/**
 * The engine's two connections to Redis, standalone or a cluster alike: one for commands,
 * shared by every publisher (Lettuce pipelines what is sent concurrently), and one for
 * pub/sub. Lettuce reconnects both, and subscribes the pub/sub connection to its channels
 * again, by itself; what was published meanwhile is lost on the way, so every reconnect is
 * reported to the {@link #onReconnect listeners}, which repair it from the streams.
 */
public final class RedisConnections implements AutoCloseable {

	private final AbstractRedisClient client;

	private final StatefulConnection<byte[], byte[]> commandConnection;

	private final RedisClusterReactiveCommands<byte[], byte[]> commands;

	private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;

	private final boolean ownsClient;

	private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();

	private final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();

	private volatile boolean pubSubDown;

	private RedisConnections(AbstractRedisClient client, boolean ownsClient) {
		this.client = client;
		this.ownsClient = ownsClient;
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
			this.commandConnection = connection;
			this.commands = connection.reactive();
			StatefulRedisClusterPubSubConnection<byte[], byte[]> pubSub = cluster.connectPubSub(ByteArrayCodec.INSTANCE);
			// Sharded subscriptions live on the connection to each shard's node: hear them all.
			pubSub.setNodeMessagePropagation(true);
			this.pubSub = pubSub;
		}
		else if (client instanceof RedisClient standalone) {
			StatefulRedisConnection<byte[], byte[]> connection = standalone.connect(ByteArrayCodec.INSTANCE);
			this.commandConnection = connection;
			this.commands = connection.reactive();
			this.pubSub = standalone.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		else {
			throw new IllegalArgumentException("Unsupported Redis client " + client.getClass().getName());
		}
		this.pubSub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] channel, byte[] message) {
				dispatch(channel, message);
			}

			@Override
			public void smessage(byte[] channel, byte[] message) {
				dispatch(channel, message);
			}

		});
		client.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection == RedisConnections.this.pubSub) {
					RedisConnections.this.pubSubDown = true;
				}
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
				if (connection == RedisConnections.this.pubSub && RedisConnections.this.pubSubDown) {
					RedisConnections.this.pubSubDown = false;
					RedisConnections.this.reconnectListeners.forEach(Runnable::run);
				}
			}

		});
	}

	/**
	 * Connects with {@code client}, which stays the caller's: an application's, configured from
	 * {@code spring.data.redis.*}.
	 */
	public static RedisConnections of(AbstractRedisClient client) {
		return new RedisConnections(client, false);
	}

	/** Connects to the Redis at {@code uri}, with a client of its own that {@link #close} ends. */
	public static RedisConnections create(String uri) {
		return new RedisConnections(RedisClient.create(uri), true);
	}

	/** Connects to the Redis Cluster with the seed node at {@code uri}, with a client of its own. */
	public static RedisConnections createCluster(String uri) {
		return new RedisConnections(RedisClusterClient.create(uri), true);
	}

	RedisClusterReactiveCommands<byte[], byte[]> commands() {
		return this.commands;
	}

	/** Whether the command connection is up: a publication now can reach Redis. */
	boolean isConnected() {
		return this.commandConnection.isOpen();
	}

	Mono<Void> subscribe(boolean sharded, byte[][] channels) {
		return sharded ? this.pubSub.reactive().ssubscribe(channels) : this.pubSub.reactive().subscribe(channels);
	}

	Mono<Void> unsubscribe(boolean sharded, byte[][] channels) {
		return sharded ? this.pubSub.reactive().sunsubscribe(channels) : this.pubSub.reactive().unsubscribe(channels);
	}

	void onMessage(MessageListener listener) {
		this.messageListeners.add(listener);
	}

	/** Runs {@code listener} each time the pub/sub connection is back after it was lost. */
	void onReconnect(Runnable listener) {
		this.reconnectListeners.add(listener);
	}

	private void dispatch(byte[] channel, byte[] message) {
		for (MessageListener listener : this.messageListeners) {
			listener.message(channel, message);
		}
	}

	@Override
	public void close() {
		this.pubSub.close();
		this.commandConnection.close();
		if (this.ownsClient) {
			this.client.shutdown();
		}
	}

	/** Receives the messages of every subscribed channel. */
	@FunctionalInterface
	interface MessageListener {

		void message(byte[] channel, byte[] message);

	}

}
