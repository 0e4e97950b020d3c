/**
 * Who may connect and what they may do: the handshake guard (origin, authentication, connection
 * limits), room authorization, room name rules, slow-consumer policies, and the counters of
 * every limit.
 */
@NullMarked
package dev.realtime.security;

import org.jspecify.annotations.NullMarked;
