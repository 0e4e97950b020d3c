/**
 * Public API of realtime: the hub that applications inject, and the values it moves.
 */
@NullMarked
package dev.realtime;

import org.jspecify.annotations.NullMarked;
