package dev.realtime.autoconfigure.controller;

import dev.realtime.protocol.ProtocolException;

/** Validates the payload a controller method is given. */
interface PayloadValidator {

	/**
	 * Checks {@code payload} against its constraints of {@code groups}.
	 * @throws ProtocolException {@code bad_request} naming each invalid field
	 */
	void validate(Object payload, Class<?>[] groups);

}
