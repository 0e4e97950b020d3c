package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Decides whether a client may subscribe to a matching room, in addition to the
 * {@link dev.realtime.security.RoomAuthorizer}, which is asked first: it returns {@code boolean}
 * or {@code Mono<Boolean>} ({@code false} is answered with {@code forbidden}), or nothing and
 * throws a {@link RealtimeException} to refuse with its own code. A {@code Mono} lets it look the
 * answer up in a database without blocking. It decides {@code presence} requests too, and the
 * rooms of an SSE stream (refused with HTTP 403).
 * <p>
 * Takes the connection, the principal and the room ({@link RoomName}). When several methods match a
 * room, every one must allow it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnSubscribe {

	/** Patterns of the rooms it decides for, as in {@code realtime.security.room-rules}. */
	String[] value();

}
