/**
 * Auto-configuration of the realtime WebSocket endpoints on Spring WebFlux.
 */
@NullMarked
package dev.realtime.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
