package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a connection of the built-in WebSocket endpoint has closed, after it left every room
 * and after the last of its frames was handled. Takes the {@link dev.realtime.Connection} and the
 * {@link dev.realtime.RealtimePrincipal}; its result, if any, is ignored, and a failure is logged.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {

}
