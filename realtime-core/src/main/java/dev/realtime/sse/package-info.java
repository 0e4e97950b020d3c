/**
 * Server-Sent Events: the hub-backed {@code text/event-stream} endpoint with resume across all
 * its rooms, and the builders applications use to stream events from their own controllers.
 */
@NullMarked
package dev.realtime.sse;

import org.jspecify.annotations.NullMarked;
