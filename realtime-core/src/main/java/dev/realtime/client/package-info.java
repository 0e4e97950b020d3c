/**
 * The JavaScript client, {@code client.js}, and the configuration it reads, served over HTTP.
 */
@NullMarked
package dev.realtime.client;

import org.jspecify.annotations.NullMarked;
