/**
 * The notifications inbox: what a user was notified of, kept per user beyond the history window
 * of their personal room, with read state shared by all their devices; its store SPI and the
 * in-memory store.
 */
@NullMarked
package dev.realtime.inbox;

import org.jspecify.annotations.NullMarked;
