package dev.realtime.bench.raw;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Room membership as bare channel sets, partitioned by event loop, and the broadcast: one
 * complete WebSocket frame encoded once, written as a reference-counted view to each member by
 * one task per event loop. Nothing queues but Netty's own outbound buffer; a member whose
 * buffer is over the high water mark misses the frame (counted as dropped).
 */
final class RawRooms {

	private final Map<String, Map<EventLoop, Set<Channel>>> rooms = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> offsets = new ConcurrentHashMap<>();

	private final LongAdder subscriptions = new LongAdder();

	private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

	private final LongAdder dropped = new LongAdder();

	void join(String room, Channel channel) {
		Set<Channel> members = this.rooms.computeIfAbsent(room, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(channel.eventLoop(), (loop) -> ConcurrentHashMap.newKeySet());
		if (members.add(channel)) {
			this.subscriptions.increment();
			if (this.channels.add(channel)) {
				channel.closeFuture().addListener((future) -> this.channels.remove(channel));
			}
			channel.closeFuture().addListener((future) -> {
				if (members.remove(channel)) {
					this.subscriptions.decrement();
				}
			});
		}
	}

	/** Encodes {@code json} once as a WebSocket text frame and writes it to every member of {@code room}. */
	void broadcast(String room, String envelopeJson) {
		Map<EventLoop, Set<Channel>> byLoop = this.rooms.get(room);
		if (byLoop == null) {
			return;
		}
		ByteBuf frame = textFrame(envelopeJson.getBytes(StandardCharsets.UTF_8));
		try {
			byLoop.forEach((loop, members) -> {
				frame.retain();
				loop.execute(() -> {
					try {
						for (Channel channel : members) {
							if (channel.isWritable()) {
								channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
							}
							else {
								this.dropped.increment();
							}
						}
					}
					finally {
						frame.release();
					}
				});
			});
		}
		finally {
			frame.release();
		}
	}

	long nextOffset(String room) {
		return this.offsets.computeIfAbsent(room, (name) -> new AtomicLong()).incrementAndGet();
	}

	long subscriptions() {
		return this.subscriptions.sum();
	}

	long connections() {
		return this.channels.size();
	}

	long dropped() {
		return this.dropped.sum();
	}

	/** An unmasked, final WebSocket text frame: header and payload in one direct buffer. */
	private static ByteBuf textFrame(byte[] payload) {
		int length = payload.length;
		ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(length + 10);
		buf.writeByte(0x81);
		if (length < 126) {
			buf.writeByte(length);
		}
		else if (length < 65536) {
			buf.writeByte(126);
			buf.writeShort(length);
		}
		else {
			buf.writeByte(127);
			buf.writeLong(length);
		}
		return buf.writeBytes(payload);
	}

}
