/**
 * The {@code realtime} actuator endpoint and the broker's health indicator.
 */
@NullMarked
package dev.realtime.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
