package dev.realtime.bench.raw;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Server-Sent Events with no framework: {@code GET /sse?room=r} streams every publication of the
 * room as one pre-encoded event ({@code id}, {@code event}, {@code data}) shared by every stream.
 */
final class RawSse {

	private final Map<String, Set<Sinks.Many<ByteBuf>>> rooms = new ConcurrentHashMap<>();

	private final LongAdder streams = new LongAdder();

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		List<String> room = new QueryStringDecoder(request.uri()).parameters().get("room");
		if (room == null || room.isEmpty()) {
			return response.status(400).send();
		}
		Sinks.Many<ByteBuf> sink = Sinks.many().unicast().onBackpressureBuffer();
		Set<Sinks.Many<ByteBuf>> members = this.rooms.computeIfAbsent(room.get(0), (name) -> ConcurrentHashMap.newKeySet());
		members.add(sink);
		this.streams.increment();
		ByteBuf retry = Unpooled.copiedBuffer("retry: 1000\n\n", StandardCharsets.UTF_8);
		return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.send(Flux.concat(Flux.just(retry), sink.asFlux()).doFinally((signal) -> {
				members.remove(sink);
				this.streams.decrement();
			}));
	}

	/** Encodes the event once and hands a view of it to every stream of {@code room}. */
	void broadcast(String room, long offset, String envelopeJson) {
		Set<Sinks.Many<ByteBuf>> members = this.rooms.get(room);
		if (members == null || members.isEmpty()) {
			return;
		}
		String text = "id: " + offset + "\nevent: message\ndata: " + envelopeJson + "\n\n";
		ByteBuf event = ByteBufAllocator.DEFAULT.directBuffer(text.length() + 8);
		event.writeCharSequence(text, StandardCharsets.UTF_8);
		try {
			for (Sinks.Many<ByteBuf> sink : members) {
				ByteBuf view = event.retainedDuplicate();
				if (sink.tryEmitNext(view).isFailure()) {
					view.release();
				}
			}
		}
		finally {
			event.release();
		}
	}

	long streams() {
		return this.streams.sum();
	}

}
