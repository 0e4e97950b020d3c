/**
 * The history SPI, a bounded window of each room's publications that clients resume from, and
 * its in-memory implementation.
 */
@NullMarked
package dev.realtime.history;

import org.jspecify.annotations.NullMarked;
