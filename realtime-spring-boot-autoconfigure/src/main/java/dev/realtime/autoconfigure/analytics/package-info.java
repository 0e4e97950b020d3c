/**
 * Auto-configuration of live analytics: the store, the periodic snapshots, the HTTP tracking
 * endpoint and the gauges.
 */
@NullMarked
package dev.realtime.autoconfigure.analytics;

import org.jspecify.annotations.NullMarked;
