package dev.realtime;

/**
 * An extra WebSocket endpoint: declare one as a bean to serve {@code handler} at {@code path},
 * with the same authentication, limits and hub as the built-in endpoint.
 *
 * @param path the request path, such as {@code /echo}
 * @param handler what handles the endpoint's frames
 */
public record RealtimeEndpoint(String path, RealtimeHandler handler) {

}
