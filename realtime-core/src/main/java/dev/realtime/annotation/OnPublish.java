package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs before a client's {@code publish} to a matching room is accepted, after the
 * {@link dev.realtime.security.RoomAuthorizer} allowed it: it may reject it, by throwing a
 * {@link RealtimeException} (answered with an {@code error} of its code, nothing is published),
 * or replace its data, by returning the data to publish instead (moderation, enrichment); it
 * returns nothing, or an empty {@code Mono}, to publish the data as it came. Work done before the
 * {@code Mono} completes (storing the message first, say) is done before anyone receives it.
 * <p>
 * Takes the connection, the principal, the room ({@link RoomName}) and the {@code data} (see
 * {@link RealtimeController}). When several methods match a room, each runs in turn, in the order
 * of their controllers (their {@code @Order}), then of their names, each given the data the
 * previous one returned. Publications the application makes through the hub do not run it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnPublish {

	/**
	 * Patterns of the rooms it runs for, as in {@code realtime.security.room-rules}: {@code *}
	 * stands for any run of characters ({@code chat:*}, {@code *}).
	 */
	String[] value();

}
