package dev.realtime.autoconfigure;

import java.time.Duration;

import dev.realtime.CloseCodes;
import dev.realtime.hub.DefaultRealtimeHub;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Closes every connection with {@link CloseCodes#GOING_AWAY} when the application stops, before
 * the web server does, so clients reconnect elsewhere instead of timing out.
 */
public class RealtimeShutdown implements SmartLifecycle {

	private final DefaultRealtimeHub hub;

	private final Duration timeout;

	private volatile boolean running;

	public RealtimeShutdown(DefaultRealtimeHub hub, Duration timeout) {
		this.hub = hub;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.hub.shutdown().timeout(this.timeout, Mono.empty()).block();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
