/**
 * Annotations for application logic on the built-in protocol: a {@link RealtimeController} bean's
 * methods answer {@code rpc} frames, and run when a client connects, disconnects, subscribes or
 * publishes; {@link RealtimeException} answers a frame with the application's own error code.
 */
@NullMarked
package dev.realtime.annotation;

import org.jspecify.annotations.NullMarked;
