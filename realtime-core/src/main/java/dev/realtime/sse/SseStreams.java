package dev.realtime.sse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.security.UserRoomAuthorizer;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/**
 * Hub-backed Server-Sent Event streams for an application's own controllers:
 * <pre class="code">
 * &#64;GetMapping(path = "/prices", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Flux&lt;ServerSentEvent&lt;Object&gt;&gt; prices() {
 *     return streams.rooms("ticker");
 * }
 * </pre>
 * Each stream carries every publication of its rooms from the moment of subscription (event
 * name, data, {@code room epoch offset} as id) and a heartbeat comment at the configured
 * interval. Spring encodes each event for each stream; for large audiences, for resume with
 * {@code Last-Event-ID} and for the endpoint's guard and limits, stream from a controller with
 * {@link RealtimeSseEndpoint#stream}, which encodes once per node.
 */
public final class SseStreams {

	private final RealtimeHub hub;

	private final Duration heartbeat;

	private final AtomicInteger active = new AtomicInteger();

	public SseStreams(RealtimeHub hub, Duration heartbeat) {
		this.hub = hub;
		this.heartbeat = heartbeat;
	}

	/** The publications of {@code rooms}, as Server-Sent Events. */
	public Flux<ServerSentEvent<Object>> rooms(String... rooms) {
		Flux<ServerSentEvent<Object>> publications = Flux.fromArray(rooms)
			.flatMap(this.hub::subscribe, Math.max(rooms.length, 1))
			.map(SseStreams::toEvent);
		Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(this.heartbeat)
			.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build());
		return Flux.merge(publications, heartbeats)
			.doOnSubscribe((subscription) -> this.active.incrementAndGet())
			.doFinally((signal) -> this.active.decrementAndGet());
	}

	/** What the application sends to {@code userId} with {@code sendToUser}, as Server-Sent Events. */
	public Flux<ServerSentEvent<Object>> user(String userId) {
		return rooms(UserRoomAuthorizer.userRoom(userId));
	}

	/** Number of streams open now. */
	public int activeStreams() {
		return this.active.get();
	}

	private static ServerSentEvent<Object> toEvent(Publication publication) {
		return ServerSentEvent.<Object>builder(publication.event().data())
			.event(publication.event().event())
			.id(publication.room() + " " + publication.epoch() + " " + publication.offset())
			.build();
	}

}
