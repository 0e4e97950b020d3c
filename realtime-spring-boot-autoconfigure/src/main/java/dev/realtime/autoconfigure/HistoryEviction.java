package dev.realtime.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.realtime.broker.LocalBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Forgets, every half ttl, the rooms of the in-memory broker that have no members and saw
 * nothing within the ttl, and drops expired publications, so that history memory is bounded by
 * configuration.
 */
public class HistoryEviction implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(HistoryEviction.class);

	private final Disposable task;

	public HistoryEviction(LocalBroker broker, Duration ttl) {
		long period = Math.max(ttl.toMillis() / 2, 1);
		this.task = Schedulers.parallel().schedulePeriodically(() -> {
			int evicted = broker.evictIdle();
			if (evicted > 0) {
				logger.debug("Forgot the history of {} idle rooms", evicted);
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.task.dispose();
	}

}
