package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean whose {@link OnConnect}, {@link OnDisconnect}, {@link OnRpc}, {@link OnPublish} and
 * {@link OnSubscribe} methods extend the built-in protocol. A component: component scanning finds
 * it. Its methods are checked when the application starts, which fails on a method whose
 * parameters or return type the annotation does not take.
 * <p>
 * Methods may take, in any order:
 * <ul>
 * <li>{@link dev.realtime.Connection}: the client's connection;</li>
 * <li>{@link dev.realtime.RealtimePrincipal}: who is behind it;</li>
 * <li>a {@code String} annotated {@link RoomName}: the room ({@link OnPublish}, {@link OnSubscribe});</li>
 * <li>one other parameter, of any type: the frame's {@code data}, bound by the application's
 * JSON mapper ({@link OnRpc}, {@link OnPublish}), and validated when annotated {@code @Valid} or
 * {@code @Validated}. It is required unless it is an {@code Optional} or annotated
 * {@code @Nullable}.</li>
 * </ul>
 * They may return a value, or a {@code Mono} (or any single-value async type Spring adapts,
 * such as {@code CompletableFuture}) for work that waits on I/O: a method that returns a plain
 * value runs on the connection's event loop and must not block. Calls for one connection never
 * overlap: its next frame waits until the method's result completes.
 * <p>
 * A method throws (or its {@code Mono} fails with) {@link RealtimeException} to answer the frame
 * with an {@code error} of the application's own code; any other failure is answered with
 * {@code internal} and logged.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface RealtimeController {

	/** The bean's name, derived from the class name when empty. */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
