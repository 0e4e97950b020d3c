/**
 * The JSON wire protocol: frame shapes, error codes, the codec, and the built-in handler that
 * speaks it.
 */
@NullMarked
package dev.realtime.protocol;

import org.jspecify.annotations.NullMarked;
