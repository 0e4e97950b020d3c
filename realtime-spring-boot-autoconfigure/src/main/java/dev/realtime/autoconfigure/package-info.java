/**
 * Auto-configuration of the realtime hub, its broker and its history.
 */
@NullMarked
package dev.realtime.autoconfigure;

import org.jspecify.annotations.NullMarked;
