package dev.realtime.protocol;

/**
 * A client frame the protocol rejects, with the error code to answer it with.
 */
public class ProtocolException extends RuntimeException {

	private final ErrorCode code;

	public ProtocolException(ErrorCode code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public ErrorCode code() {
		return this.code;
	}

}
