package dev.realtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a client connects to the built-in WebSocket endpoint, once its connection is
 * registered with the hub and before its first frame is read. Takes the
 * {@link dev.realtime.Connection} and the {@link dev.realtime.RealtimePrincipal}; its result, if
 * any, is ignored. A failure is logged and the connection stays open.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {

}
