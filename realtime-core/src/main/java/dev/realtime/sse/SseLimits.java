package dev.realtime.sse;

/**
 * What one Server-Sent Events stream may ask of the server.
 *
 * @param maxPendingBytes bytes that may wait for a client (queued and in its socket buffer)
 * before its stream is ended as a slow consumer; the client then resumes from its last event
 * @param maxPendingEvents events that may wait for a client, whatever their size
 * @param maxRooms rooms one stream may name
 */
public record SseLimits(long maxPendingBytes, int maxPendingEvents, int maxRooms) {

}
