package dev.realtime.client;

import java.time.Duration;

/**
 * What {@link ClientConfigEndpoint} tells clients.
 *
 * @param webSocketPath path of the WebSocket endpoint that speaks the JSON protocol
 * @param pingInterval interval between the server's pings; the JavaScript client pings at the
 * same pace and reconnects when nothing came back within one interval
 * @param ssePath path of the Server-Sent Events endpoint
 * @param heartbeatInterval interval between the SSE endpoint's heartbeat comments
 * @param initialBackoff delay before the first reconnection attempt, doubled after each failed
 * one
 * @param maxBackoff longest delay between reconnection attempts
 */
public record ClientSettings(String webSocketPath, Duration pingInterval, String ssePath, Duration heartbeatInterval,
		Duration initialBackoff, Duration maxBackoff) {

}
