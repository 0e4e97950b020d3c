/**
 * Who may connect and what they may do: the server's cap on open sockets and its request-head
 * deadlines, the handshake guard (client address limits, origin, authentication, connection
 * limits), room authorization, room name rules, slow-consumer policies, and the counters of
 * every limit.
 */
@NullMarked
package dev.realtime.security;

import org.jspecify.annotations.NullMarked;
