/**
 * The Redis engine, for several nodes: a broker whose rooms' streams live in Redis (one Lua
 * script per publication), and a presence store whose entries expire with the node that made
 * them. Needs Lettuce, an optional dependency.
 */
@NullMarked
package dev.realtime.redis;

import org.jspecify.annotations.NullMarked;
