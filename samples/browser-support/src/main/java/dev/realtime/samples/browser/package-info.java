/**
 * Headless Chromium for the samples' browser tests: Debian's {@code chromium} driven through
 * its {@code chromedriver}.
 */
@NullMarked
package dev.realtime.samples.browser;

import org.jspecify.annotations.NullMarked;
