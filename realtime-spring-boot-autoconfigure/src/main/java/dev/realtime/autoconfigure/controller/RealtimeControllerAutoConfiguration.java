package dev.realtime.autoconfigure.controller;

import dev.realtime.annotation.RealtimeController;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.protocol.ProtocolHooks;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the {@link ProtocolHooks} that call the methods of the application's
 * {@link RealtimeController} beans, when it has some, with its JSON mapper, and its Bean
 * Validation {@link Validator} for the data of {@code @Valid} parameters. Backs off when the
 * application declares its own hooks.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class, afterName = {
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration" })
@ConditionalOnBean(annotation = RealtimeController.class)
public final class RealtimeControllerAutoConfiguration {

	private static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

	/** Validates with the application's validator, when it has a single one. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Validator.class)
	static class BeanValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean(ProtocolHooks.class)
		ControllerHooks realtimeControllerHooks(ListableBeanFactory beans, ObjectProvider<JsonMapper> jsonMapper,
				ObjectProvider<Validator> validator) {
			return new ControllerHooks(beans, jsonMapper(jsonMapper), () -> {
				Validator unique = validator.getIfUnique();
				return (unique != null) ? new BeanValidation(unique) : null;
			});
		}

	}

	/** Without Bean Validation, a method that asks to validate its data fails the start. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("jakarta.validation.Validator")
	static class NoValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean(ProtocolHooks.class)
		ControllerHooks realtimeControllerHooks(ListableBeanFactory beans, ObjectProvider<JsonMapper> jsonMapper) {
			return new ControllerHooks(beans, jsonMapper(jsonMapper), () -> null);
		}

	}

}
