/**
 * Who may connect and what they may do: handshake authentication, room authorization and room
 * name rules.
 */
@NullMarked
package dev.realtime.security;

import org.jspecify.annotations.NullMarked;
