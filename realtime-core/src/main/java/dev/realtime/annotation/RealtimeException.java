package dev.realtime.annotation;

import java.util.regex.Pattern;

/**
 * Answers the frame a {@link RealtimeController} method handles with an {@code error} frame of the
 * application's own code: {@code {"type":"error","ref":"6","code":"quota_exceeded","message":"…"}}.
 * The connection stays open. The code and message are sent to the client as they are: they must
 * say nothing the client may not know.
 */
public class RealtimeException extends RuntimeException {

	private static final Pattern CODE = Pattern.compile("[a-z0-9_.\\-]{1,64}");

	private final String code;

	/**
	 * @param code the error's code: 1 to 64 lower-case letters, digits, {@code _ . -}, such as
	 * {@code quota_exceeded}; the protocol's own codes ({@code forbidden}, {@code bad_request}…)
	 * may be used for what they mean
	 * @param message what the client is told
	 */
	public RealtimeException(String code, String message) {
		super(message, null, false, false);
		if (code == null || !CODE.matcher(code).matches()) {
			throw new IllegalArgumentException(
					"Error code must be 1 to 64 of a-z, 0-9, '_', '.', '-', but was '" + code + "'");
		}
		this.code = code;
	}

	/** The code of the {@code error} frame. */
	public String code() {
		return this.code;
	}

}
