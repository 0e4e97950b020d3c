package dev.realtime.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A connection that records what its lane writes to it, as text, and how often it is flushed. */
final class RecordingConnection extends AbstractConnection {

	/** Encodes a publication as {@code room#offset}. */
	static final FrameEncoder ENCODER = (publication) -> Unpooled
		.copiedBuffer(publication.room() + "#" + publication.offset(), StandardCharsets.UTF_8);

	final List<String> written = new CopyOnWriteArrayList<>();

	final AtomicInteger flushes = new AtomicInteger();

	/** A connection in {@code rooms}, whose frames alone it writes. */
	RecordingConnection(Executor eventLoop, String... rooms) {
		super(RealtimePrincipal.user("u"), eventLoop, ENCODER);
		for (String room : rooms) {
			addRoom(room);
		}
	}

	@Override
	protected boolean write(ByteBuf frame, @Nullable Publication publication) {
		try {
			this.written.add(frame.toString(StandardCharsets.UTF_8));
			return true;
		}
		finally {
			frame.release();
		}
	}

	@Override
	protected void flush() {
		this.flushes.incrementAndGet();
	}

	@Override
	protected ByteBuf textFrame(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

	@Override
	protected void heartbeat() {
	}

	@Override
	public long pendingBytes() {
		return 0;
	}

	@Override
	public String transport() {
		return "test";
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public Mono<Void> close(int code, String reason) {
		return Mono.empty();
	}

}
