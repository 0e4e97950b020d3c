package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import dev.realtime.broker.Replay;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A broker that confirms subscriptions late, as Redis does: for {@code delay} after a subscribe,
 * the listener receives nothing, and only then does the subscription complete. Everything else
 * is an in-memory broker's.
 */
public final class DelayedSubscriptionBroker implements Broker {

	private final LocalBroker delegate;

	private final Duration delay;

	public DelayedSubscriptionBroker(HistoryLimits limits, Duration delay) {
		this.delegate = new LocalBroker(limits);
		this.delay = delay;
	}

	@Override
	public Mono<Disposable> subscribe(String topic, BrokerListener listener) {
		Gated gated = new Gated(listener);
		return this.delegate.subscribe(topic, gated)
			.delayElement(this.delay)
			.doOnNext((subscription) -> gated.live = true);
	}

	@Override
	public Mono<Publication> publish(String topic, EncodedEvent event) {
		return this.delegate.publish(topic, event);
	}

	@Override
	public Mono<Void> publishJoin(String topic, ClientInfo client) {
		return this.delegate.publishJoin(topic, client);
	}

	@Override
	public Mono<Void> publishLeave(String topic, ClientInfo client) {
		return this.delegate.publishLeave(topic, client);
	}

	@Override
	public Mono<Replay> history(String topic, StreamPosition since, int limit) {
		return this.delegate.history(topic, since, limit);
	}

	@Override
	public Mono<StreamPosition> position(String topic) {
		return this.delegate.position(topic);
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
