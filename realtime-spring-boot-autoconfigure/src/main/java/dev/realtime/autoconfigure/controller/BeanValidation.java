package dev.realtime.autoconfigure.controller;

import java.util.Set;
import java.util.stream.Collectors;

import dev.realtime.protocol.ErrorCode;
import dev.realtime.protocol.ProtocolException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** Validates payloads with the application's Bean Validation {@link Validator}. */
final class BeanValidation implements PayloadValidator {

	private final Validator validator;

	BeanValidation(Validator validator) {
		this.validator = validator;
	}

	@Override
	public void validate(Object payload, Class<?>[] groups) {
		Set<ConstraintViolation<Object>> violations = this.validator.validate(payload, groups);
		if (!violations.isEmpty()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, violations.stream()
				.map((violation) -> "field '" + field(violation.getPropertyPath().toString()) + "' "
						+ violation.getMessage())
				.sorted()
				.collect(Collectors.joining("; ")));
		}
	}

	private static String field(String path) {
		return path.isEmpty() ? "data" : "data." + path;
	}

}
