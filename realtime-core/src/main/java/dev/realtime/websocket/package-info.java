/**
 * The WebSocket transport on Reactor Netty: the endpoint that authenticates and upgrades, the
 * connection that writes shared frames straight to its Netty channel, and the heartbeat.
 */
@NullMarked
package dev.realtime.websocket;

import org.jspecify.annotations.NullMarked;
