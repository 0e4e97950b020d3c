/**
 * Auto-configuration of realtime's Micrometer meters.
 */
@NullMarked
package dev.realtime.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
