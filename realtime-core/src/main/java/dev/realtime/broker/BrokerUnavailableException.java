package dev.realtime.broker;

import org.jspecify.annotations.Nullable;

/**
 * The broker cannot take a publication now (its backend is unreachable, say); the caller may
 * retry. Clients of the built-in protocol see the error code {@code unavailable}.
 */
public class BrokerUnavailableException extends RuntimeException {

	public BrokerUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
