/**
 * Live analytics: events tracked from application code or over HTTP, counted per type and day,
 * unique visitors per day, users active in a sliding window, and a snapshot of them published
 * to a room; the store SPI and its in-memory implementation.
 */
@NullMarked
package dev.realtime.analytics;

import org.jspecify.annotations.NullMarked;
