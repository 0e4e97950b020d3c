package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers the {@code rpc} frames of one method:
 * {@code {"type":"rpc","method":"chat.search","data":{…},"ref":"6"}} gets a {@code reply} whose
 * {@code result} is what the annotated method returned (no {@code result} when it returned
 * nothing), or an {@code error}: {@code not_found} for a method no controller answers,
 * {@code bad_request} when {@code data} cannot be bound or is invalid, the code of a
 * {@link RealtimeException}, or {@code internal}.
 * <p>
 * Takes the connection, the principal and the {@code data} (see {@link RealtimeController});
 * returns a value, a {@code Mono} or nothing, never a stream of values. Two methods of the same
 * name fail the application's start.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnRpc {

	/** The method's name, as {@code rpc} frames give it. */
	String value();

}
