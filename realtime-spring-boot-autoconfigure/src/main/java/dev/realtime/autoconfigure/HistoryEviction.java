package dev.realtime.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.realtime.history.InMemoryHistoryStore;
import dev.realtime.hub.DefaultRealtimeHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Evicts, every half ttl, the in-memory history of rooms that have no members and nothing
 * younger than the ttl, so that history memory is bounded by configuration.
 */
public class HistoryEviction implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(HistoryEviction.class);

	private final Disposable task;

	public HistoryEviction(InMemoryHistoryStore history, DefaultRealtimeHub hub, Duration ttl) {
		long period = Math.max(ttl.toMillis() / 2, 1);
		this.task = Schedulers.parallel().schedulePeriodically(() -> {
			int evicted = history.evictExpired(hub::hasMembers);
			if (evicted > 0) {
				logger.debug("Evicted the history of {} idle rooms", evicted);
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.task.dispose();
	}

}
