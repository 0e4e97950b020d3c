package dev.realtime.protocol;

import dev.realtime.security.LimitEvent;
import org.jspecify.annotations.Nullable;

/**
 * A client frame the protocol rejects, with the error code to answer it with, and the limit it
 * broke when it broke one.
 */
public class ProtocolException extends RuntimeException {

	private final ErrorCode code;

	private final @Nullable LimitEvent limit;

	public ProtocolException(ErrorCode code, String message) {
		this(code, message, null);
	}

	public ProtocolException(ErrorCode code, String message, @Nullable LimitEvent limit) {
		super(message, null, false, false);
		this.code = code;
		this.limit = limit;
	}

	public ErrorCode code() {
		return this.code;
	}

	/** The protection that refused the frame, to count; {@code null} for a plain mistake. */
	public @Nullable LimitEvent limit() {
		return this.limit;
	}

}
