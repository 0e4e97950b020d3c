package dev.realtime.autoconfigure.web;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.LocalBroker;
import dev.realtime.broker.Replay;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * An in-memory broker whose subscriptions a test changes the behaviour of, as a real broker's
 * can misbehave: everything but {@link #subscribe} is the in-memory broker's.
 */
abstract class SubscriptionTweakingBroker implements Broker {

	/** The in-memory broker everything is done by. */
	protected final LocalBroker delegate;

	SubscriptionTweakingBroker(LocalBroker delegate) {
		this.delegate = delegate;
	}

	@Override
	public abstract Mono<Disposable> subscribe(String topic, BrokerListener listener);

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

}
