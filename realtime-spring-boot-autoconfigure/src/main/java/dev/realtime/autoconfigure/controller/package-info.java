/**
 * Auto-configuration of {@code @RealtimeController} beans: their methods found at startup and
 * called by the built-in protocol.
 */
@NullMarked
package dev.realtime.autoconfigure.controller;

import org.jspecify.annotations.NullMarked;
