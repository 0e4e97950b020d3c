package dev.realtime.websocket;

import java.time.Duration;

import dev.realtime.security.SlowConsumerRules;

/**
 * What each WebSocket connection may take from the server, and how much the server holds for it.
 *
 * @param outboundBufferBytes bytes that may wait in a connection's socket buffer (its write
 * high water mark), and again in its backlog under {@code drop-oldest} or {@code conflate}
 * @param outboundFrames frames that may wait in a connection's socket buffer, and again in its
 * backlog
 * @param sendTimeout how long a backlog may wait without the client taking any of it before the
 * connection is closed as a slow consumer
 * @param messagesPerSecond frames a client may send per second, on average; 0 or less for no limit
 * @param messageBurst frames a client may send at once above the rate; as many again, answered
 * with {@code rate_limited}, and it is closed with 1008
 * @param slowConsumers what happens to the frames of each room for a client that falls behind
 * @param maxSwallowBytes bytes a client may still send after the server's close frame, read and
 * discarded so that it can read the close code, before its socket is dropped
 */
public record WebSocketLimits(int outboundBufferBytes, int outboundFrames, Duration sendTimeout,
		int messagesPerSecond, int messageBurst, SlowConsumerRules slowConsumers, long maxSwallowBytes) {

}
