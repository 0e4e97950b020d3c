package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A broker that confirms subscriptions late, as Redis does: for {@code delay} after a subscribe,
 * the listener receives nothing, and only then does the subscription complete. Everything else
 * is an in-memory broker's.
 */
public final class DelayedSubscriptionBroker extends SubscriptionTweakingBroker {

	private final Duration delay;

	public DelayedSubscriptionBroker(HistoryLimits limits, Duration delay) {
		super(new LocalBroker(limits));
		this.delay = delay;
	}

	@Override
	public Mono<Disposable> subscribe(String topic, BrokerListener listener) {
		Gated gated = new Gated(listener);
		return this.delegate.subscribe(topic, gated)
			.delayElement(this.delay)
			.doOnNext((subscription) -> gated.live = true);
	}

	/** Passes nothing on until the subscription is confirmed: what a late SUBSCRIBE misses. */
	private static final class Gated implements BrokerListener {

		private final BrokerListener listener;

		private volatile boolean live;

		Gated(BrokerListener listener) {
			this.listener = listener;
		}

		@Override
		public void onPublication(Publication publication) {
			if (this.live) {
				this.listener.onPublication(publication);
			}
		}

		@Override
		public void onJoin(ClientInfo client) {
			if (this.live) {
				this.listener.onJoin(client);
			}
		}

		@Override
		public void onLeave(ClientInfo client) {
			if (this.live) {
				this.listener.onLeave(client);
			}
		}

	}

}
