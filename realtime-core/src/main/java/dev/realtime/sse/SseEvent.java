package dev.realtime.sse;

import java.time.Duration;

import dev.realtime.hub.SseLines;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One Server-Sent Event, built field by field: {@code SseEvent.builder().event("price")
 * .data("42").id("7").retry(Duration.ofSeconds(5)).build()}.
 *
 * @param event the event name, {@code null} for the default ({@code message})
 * @param data the data, possibly spanning several lines
 * @param id the event id, which the browser sends back as {@code Last-Event-ID}
 * @param retry the reconnection delay to advise
 * @param comment a comment, ignored by clients; keeps idle connections open
 */
public record SseEvent(@Nullable String event, @Nullable String data, @Nullable String id,
		@Nullable Duration retry, @Nullable String comment) {

	public static Builder builder() {
		return new Builder();
	}

	/** The event as it appears in a {@code text/event-stream}, ending with its blank line. */
	public String format() {
		StringBuilder sse = new StringBuilder();
		if (this.comment != null) {
			for (String line : this.comment.split("\r\n|\r|\n", -1)) {
				sse.append(':').append(line).append('\n');
			}
		}
		if (this.id != null) {
			sse.append("id: ").append(SseLines.singleLine(this.id)).append('\n');
		}
		if (this.event != null) {
			sse.append("event: ").append(SseLines.singleLine(this.event)).append('\n');
		}
		if (this.retry != null) {
			sse.append("retry: ").append(this.retry.toMillis()).append('\n');
		}
		if (this.data != null) {
			SseLines.appendData(sse, this.data);
		}
		return sse.append('\n').toString();
	}

	/** This event as Spring's {@link ServerSentEvent}, for a controller's {@code Flux}. */
	public ServerSentEvent<String> toServerSentEvent() {
		ServerSentEvent.Builder<String> builder = ServerSentEvent.builder();
		if (this.event != null) {
			builder.event(this.event);
		}
		if (this.data != null) {
			builder.data(this.data);
		}
		if (this.id != null) {
			builder.id(this.id);
		}
		if (this.retry != null) {
			builder.retry(this.retry);
		}
		if (this.comment != null) {
			builder.comment(this.comment);
		}
		return builder.build();
	}

	/** Builds an {@link SseEvent}. */
	public static final class Builder {

		private @Nullable String event;

		private @Nullable String data;

		private @Nullable String id;

		private @Nullable Duration retry;

		private @Nullable String comment;

		private Builder() {
		}

		public Builder event(String event) {
			this.event = event;
			return this;
		}

		public Builder data(String data) {
			this.data = data;
			return this;
		}

		public Builder id(String id) {
			this.id = id;
			return this;
		}

		public Builder retry(Duration retry) {
			this.retry = retry;
			return this;
		}

		public Builder comment(String comment) {
			this.comment = comment;
			return this;
		}

		public SseEvent build() {
			return new SseEvent(this.event, this.data, this.id, this.retry, this.comment);
		}

	}

}
