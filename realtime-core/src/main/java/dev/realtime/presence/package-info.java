/**
 * The presence SPI, who is in each room on every node, and its in-memory implementation.
 */
@NullMarked
package dev.realtime.presence;

import org.jspecify.annotations.NullMarked;
