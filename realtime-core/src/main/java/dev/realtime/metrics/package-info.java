/**
 * The hooks through which the hub and its transports report what they do, for metrics.
 */
@NullMarked
package dev.realtime.metrics;

import org.jspecify.annotations.NullMarked;
