/**
 * Auto-configuration of the notifications inbox.
 */
@NullMarked
package dev.realtime.autoconfigure.inbox;

import org.jspecify.annotations.NullMarked;
