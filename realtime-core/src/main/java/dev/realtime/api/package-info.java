/**
 * The HTTP server API: what backends in other languages do through the hub (publish, broadcast,
 * send, disconnect, presence, history, node info), as JSON over HTTP.
 */
@NullMarked
package dev.realtime.api;

import org.jspecify.annotations.NullMarked;
