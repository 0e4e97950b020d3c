/**
 * The broker SPI, which moves publications between nodes, and its in-memory implementation.
 */
@NullMarked
package dev.realtime.broker;

import org.jspecify.annotations.NullMarked;
