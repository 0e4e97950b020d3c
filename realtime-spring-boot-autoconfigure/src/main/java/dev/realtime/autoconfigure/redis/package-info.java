/**
 * Auto-configuration of the Redis engine: the broker and presence store shared by every node.
 */
@NullMarked
package dev.realtime.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
