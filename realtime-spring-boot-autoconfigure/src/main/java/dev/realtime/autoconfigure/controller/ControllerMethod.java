package dev.realtime.autoconfigure.controller;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.realtime.Connection;
import dev.realtime.RealtimePrincipal;
import dev.realtime.annotation.OnConnect;
import dev.realtime.annotation.OnDisconnect;
import dev.realtime.annotation.OnPublish;
import dev.realtime.annotation.OnRpc;
import dev.realtime.annotation.OnSubscribe;
import dev.realtime.annotation.RoomName;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.annotation.ValidationAnnotationUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One annotated method of a {@code @RealtimeController}: its arguments resolved from the call,
 * its result adapted to a {@link Mono}. Made only from a method whose signature its annotation
 * takes, else the application fails to start with what is wrong.
 */
final class ControllerMethod {

	/** What each annotation gives its methods, and what they may answer. */
	enum Kind {

		CONNECT(OnConnect.class, false, false), DISCONNECT(OnDisconnect.class, false, false),
		RPC(OnRpc.class, false, true), PUBLISH(OnPublish.class, true, true), SUBSCRIBE(OnSubscribe.class, true, false);

		final Class<? extends Annotation> annotation;

		private final boolean room;

		private final boolean data;

		Kind(Class<? extends Annotation> annotation, boolean room, boolean data) {
			this.annotation = annotation;
			this.room = room;
			this.data = data;
		}

		private String parameters() {
			return "Connection, RealtimePrincipal" + (this.room ? ", @RoomName String" : "")
					+ (this.data ? ", and one parameter for the data" : "");
		}

	}

	private static final ReactiveAdapterRegistry adapters = ReactiveAdapterRegistry.getSharedInstance();

	private final Object bean;

	private final Method method;

	private final List<Argument> arguments;

	private final @Nullable ReactiveAdapter adapter;

	/** Whether it answers yes or no, and no answer is a no. */
	private final boolean answersBoolean;

	private final String name;

	/**
	 * @param validator the application's validator, asked only for a payload to validate;
	 * {@code null} when it has none
	 * @throws IllegalStateException when {@code kind} does not take the method's signature
	 */
	ControllerMethod(Kind kind, Object bean, Method method, String name, JsonMapper mapper,
			Supplier<@Nullable PayloadValidator> validator) {
		this.bean = bean;
		this.method = method;
		this.name = name;
		this.arguments = new ArrayList<>();
		boolean payload = false;
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			if (parameter.hasParameterAnnotation(RoomName.class)) {
				if (!kind.room || type != String.class) {
					throw invalid(kind, "@RoomName marks a String parameter of @OnPublish and @OnSubscribe methods");
				}
				this.arguments.add((connection, room, data) -> room);
			}
			else if (type == Connection.class) {
				this.arguments.add((connection, room, data) -> connection);
			}
			else if (type == RealtimePrincipal.class) {
				this.arguments.add((connection, room, data) -> connection.principal());
			}
			else if (kind.data && !payload) {
				payload = true;
				PayloadBinder binder = binder(kind, parameter, mapper, validator);
				this.arguments.add((connection, room, data) -> binder.bind(data));
			}
			else {
				throw invalid(kind, "parameter " + (i + 1) + " (" + type.getSimpleName()
						+ ") is not one it takes: " + kind.parameters());
			}
		}
		Class<?> returnType = method.getReturnType();
		this.adapter = adapters.getAdapter(returnType);
		if (this.adapter != null && this.adapter.isMultiValue()) {
			throw invalid(kind, "it returns a stream of values (" + returnType.getSimpleName()
					+ "): return one value, a Mono, or nothing");
		}
		Class<?> answer = (this.adapter == null) ? returnType
				: this.adapter.isNoValue() ? Void.class
						: ResolvableType.forMethodReturnType(method).getGeneric(0).resolve(Object.class);
		this.answersBoolean = answer == boolean.class || answer == Boolean.class;
		if (kind == Kind.SUBSCRIBE && !this.answersBoolean && answer != void.class && answer != Void.class) {
			throw invalid(kind, "it must return boolean, Mono<Boolean>, or nothing");
		}
		ReflectionUtils.makeAccessible(method);
	}

	private PayloadBinder binder(Kind kind, MethodParameter parameter, JsonMapper mapper,
			Supplier<@Nullable PayloadValidator> validator) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			@Nullable Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
			if (hints != null) {
				PayloadValidator payloadValidator = validator.get();
				if (payloadValidator == null) {
					throw invalid(kind, "@" + annotation.annotationType().getSimpleName()
							+ " needs Bean Validation: add spring-boot-starter-validation, or declare a "
							+ "jakarta.validation.Validator bean");
				}
				Class<?>[] groups = Arrays.stream(hints)
					.filter(Class.class::isInstance)
					.map(Class.class::cast)
					.toArray(Class<?>[]::new);
				return new PayloadBinder(mapper, parameter, payloadValidator, groups);
			}
		}
		return new PayloadBinder(mapper, parameter, null, new Class<?>[0]);
	}

	private IllegalStateException invalid(Kind kind, String problem) {
		return new IllegalStateException(
				"Invalid @" + kind.annotation.getSimpleName() + " method " + this.name + ": " + problem);
	}

	/**
	 * Calls the method: its answer, empty for none (or {@code false} when it answers yes or no);
	 * fails with what the method threw, or with {@code bad_request} when {@code data} cannot be
	 * bound.
	 */
	Mono<Object> invoke(Connection connection, @Nullable String room, @Nullable JsonNode data) {
		return Mono.defer(() -> {
			@Nullable Object[] args = new Object[this.arguments.size()];
			for (int i = 0; i < args.length; i++) {
				args[i] = this.arguments.get(i).resolve(connection, room, data);
			}
			Object result;
			try {
				result = this.method.invoke(this.bean, args);
			}
			catch (InvocationTargetException ex) {
				return Mono.error(ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				return Mono.error(new IllegalStateException("Cannot call " + this.name, ex));
			}
			Mono<Object> answer = (result == null) ? Mono.empty()
					: (this.adapter != null) ? Mono.from(this.adapter.toPublisher(result)) : Mono.just(result);
			return this.answersBoolean ? answer.defaultIfEmpty(false) : answer;
		});
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** Where an argument comes from. */
	@FunctionalInterface
	private interface Argument {

		@Nullable Object resolve(Connection connection, @Nullable String room, @Nullable JsonNode data);

	}

}
