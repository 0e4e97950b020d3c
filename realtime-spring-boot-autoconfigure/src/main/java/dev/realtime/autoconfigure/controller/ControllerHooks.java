package dev.realtime.autoconfigure.controller;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.annotation.OnPublish;
import dev.realtime.annotation.OnRpc;
import dev.realtime.annotation.OnSubscribe;
import dev.realtime.annotation.RealtimeController;
import dev.realtime.protocol.ErrorCode;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.protocol.ProtocolHooks;
import dev.realtime.security.RoomPattern;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ProtocolHooks} of the application's {@link RealtimeController} beans. Their methods
 * are found once every singleton exists, before the server takes a connection; a method whose
 * signature its annotation does not take, or two {@code @OnRpc} methods of one name, fail the
 * start.
 */
final class ControllerHooks implements ProtocolHooks, SmartInitializingSingleton {

	private final ListableBeanFactory beans;

	private final JsonMapper mapper;

	private final Supplier<@Nullable PayloadValidator> validator;

	private final List<ControllerMethod> connects = new ArrayList<>();

	private final List<ControllerMethod> disconnects = new ArrayList<>();

	private final Map<String, ControllerMethod> rpcs = new HashMap<>();

	private final List<RoomHook> publishes = new ArrayList<>();

	private final List<RoomHook> subscribes = new ArrayList<>();

	/**
	 * @param validator the application's validator, asked only when a method validates its data
	 */
	ControllerHooks(ListableBeanFactory beans, JsonMapper mapper, Supplier<@Nullable PayloadValidator> validator) {
		this.beans = beans;
		this.mapper = mapper;
		this.validator = validator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Object> controllers = new ArrayList<>(this.beans.getBeansWithAnnotation(RealtimeController.class).values());
		AnnotationAwareOrderComparator.sort(controllers);
		controllers.forEach(this::register);
	}

	private void register(Object controller) {
		Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(controller));
		Method[] methods = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
		// Declaration order is not kept by reflection: hooks of one controller run in name order.
		Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		for (Method method : methods) {
			List<ControllerMethod.Kind> kinds = Arrays.stream(ControllerMethod.Kind.values())
				.filter((kind) -> AnnotatedElementUtils.hasAnnotation(method, kind.annotation))
				.toList();
			if (kinds.size() > 1) {
				throw new IllegalStateException("Invalid method " + name(type, method) + ": it has "
						+ kinds.stream().map((kind) -> "@" + kind.annotation.getSimpleName()).toList()
						+ ", one at most");
			}
			if (kinds.size() == 1) {
				register(kinds.get(0), controller, type, method);
			}
		}
	}

	private void register(ControllerMethod.Kind kind, Object controller, Class<?> type, Method method) {
		ControllerMethod invocable = new ControllerMethod(kind, controller,
				AopUtils.selectInvocableMethod(method, controller.getClass()), name(type, method), this.mapper,
				this.validator);
		switch (kind) {
			case CONNECT -> this.connects.add(invocable);
			case DISCONNECT -> this.disconnects.add(invocable);
			case RPC -> {
				String rpc = AnnotatedElementUtils.findMergedAnnotation(method, OnRpc.class).value();
				if (rpc.isBlank()) {
					throw new IllegalStateException("Invalid @OnRpc method " + invocable + ": its name is blank");
				}
				ControllerMethod other = this.rpcs.putIfAbsent(rpc, invocable);
				if (other != null) {
					throw new IllegalStateException(
							"Two methods answer rpc '" + rpc + "': " + other + " and " + invocable);
				}
			}
			case PUBLISH -> this.publishes.add(new RoomHook(
					patterns(invocable, AnnotatedElementUtils.findMergedAnnotation(method, OnPublish.class).value()),
					invocable));
			case SUBSCRIBE -> this.subscribes.add(new RoomHook(
					patterns(invocable, AnnotatedElementUtils.findMergedAnnotation(method, OnSubscribe.class).value()),
					invocable));
		}
	}

	private static List<RoomPattern> patterns(ControllerMethod method, String[] patterns) {
		if (patterns.length == 0) {
			throw new IllegalStateException("Invalid method " + method + ": it names no room pattern");
		}
		try {
			return Arrays.stream(patterns).map(RoomPattern::new).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid method " + method + ": " + ex.getMessage(), ex);
		}
	}

	private static String name(Class<?> type, Method method) {
		return type.getSimpleName() + "." + method.getName();
	}

	@Override
	public Mono<Void> onConnect(Connection connection) {
		return Flux.fromIterable(this.connects)
			.concatMapDelayError((method) -> method.invoke(connection, null, null))
			.then();
	}

	@Override
	public Mono<Void> onDisconnect(Connection connection) {
		return Flux.fromIterable(this.disconnects)
			.concatMapDelayError((method) -> method.invoke(connection, null, null))
			.then();
	}

	@Override
	public Mono<Object> rpc(Connection connection, String method, @Nullable JsonNode data) {
		ControllerMethod rpc = this.rpcs.get(method);
		return (rpc != null) ? rpc.invoke(connection, null, data) : ProtocolHooks.super.rpc(connection, method, data);
	}

	/** Each matching hook in turn, given the data the one before returned. */
	@Override
	public Mono<Event> onPublish(Connection connection, String room, Event event) {
		Mono<Event> hooked = Mono.just(event);
		for (RoomHook hook : this.publishes) {
			if (hook.matches(room)) {
				hooked = hooked.flatMap((current) -> hook.method()
					.invoke(connection, room, tree(current.data()))
					.map((data) -> new Event(current.event(), data, current.from(), current.ts()))
					.defaultIfEmpty(current));
			}
		}
		return hooked;
	}

	@Override
	public Mono<Void> onSubscribe(Connection connection, String room) {
		return Flux.fromIterable(this.subscribes)
			.filter((hook) -> hook.matches(room))
			.concatMap((hook) -> hook.method().invoke(connection, room, null))
			.filter(Boolean.FALSE::equals)
			.next()
			.flatMap((refused) -> Mono.<Void>error(new ProtocolException(ErrorCode.FORBIDDEN,
					"subscribe to room '" + room + "' is not allowed")));
	}

	private @Nullable JsonNode tree(@Nullable Object data) {
		return (data == null || data instanceof JsonNode) ? (JsonNode) data : this.mapper.valueToTree(data);
	}

}
