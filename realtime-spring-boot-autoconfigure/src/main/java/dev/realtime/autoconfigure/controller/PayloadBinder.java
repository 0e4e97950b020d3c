package dev.realtime.autoconfigure.controller;

import java.util.Optional;
import java.util.stream.Collectors;

import dev.realtime.protocol.ErrorCode;
import dev.realtime.protocol.ProtocolException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a frame's {@code data} to a controller method's payload parameter with the application's
 * JSON mapper, and validates it when the parameter asks for it. What cannot be bound is a
 * {@code bad_request} naming the field.
 */
final class PayloadBinder {

	private final JsonMapper mapper;

	private final JavaType type;

	private final boolean wrapped;

	private final boolean required;

	private final @Nullable PayloadValidator validator;

	private final Class<?>[] groups;

	/**
	 * @param validator validates the bound value, {@code null} when the parameter asks for no
	 * validation
	 * @param groups the validation groups of {@code @Validated}, none for the default group
	 */
	PayloadBinder(JsonMapper mapper, MethodParameter parameter, @Nullable PayloadValidator validator,
			Class<?>[] groups) {
		this.mapper = mapper;
		this.wrapped = parameter.getParameterType() == Optional.class;
		ResolvableType type = ResolvableType.forMethodParameter(parameter);
		this.type = mapper.constructType((this.wrapped ? type.getGeneric(0) : type).getType());
		this.required = !parameter.isOptional();
		this.validator = validator;
		this.groups = groups;
	}

	@Nullable Object bind(@Nullable JsonNode data) {
		Object value = (data == null || data.isNull()) ? null : read(data);
		if (value == null) {
			if (this.required) {
				throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'data' is required");
			}
			return this.wrapped ? Optional.empty() : null;
		}
		if (this.validator != null) {
			this.validator.validate(value, this.groups);
		}
		return this.wrapped ? Optional.of(value) : value;
	}

	private @Nullable Object read(JsonNode data) {
		try {
			return this.mapper.treeToValue(data, this.type);
		}
		catch (JacksonException ex) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST,
					"field '" + field(ex) + "' cannot be read: " + ex.getOriginalMessage());
		}
	}

	/** Where in {@code data} reading failed: {@code data.items[2].name}. */
	private static String field(JacksonException ex) {
		return "data" + ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? "." + reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining());
	}

}
