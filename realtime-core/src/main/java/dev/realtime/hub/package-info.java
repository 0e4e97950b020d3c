/**
 * The default hub and what it is made of: connection and room registries, encoded frames, and
 * the per-event-loop lanes that fan frames out to connections.
 */
@NullMarked
package dev.realtime.hub;

import org.jspecify.annotations.NullMarked;
