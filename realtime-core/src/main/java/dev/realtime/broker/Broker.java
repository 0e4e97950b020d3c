package dev.realtime.broker;

import dev.realtime.Event;
import dev.realtime.Publication;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves publications to the subscribers of a topic, on every node.
 * <p>
 * Contract, which resume and the room fan-out depend on:
 * <ul>
 * <li>{@link #publish} gives the event the topic's next offset and records it in the history
 * as one step: no two publications of a topic ever share an offset or arrive out of order.</li>
 * <li>{@link #subscribe} emits, on one thread at a time, every publication made after the
 * subscription is established, in offset order.</li>
 * <li>Topics whose name starts with {@value #INTERNAL_PREFIX} are the starter's own (such as
 * {@link #BROADCAST}); they keep no history.</li>
 * </ul>
 */
public interface Broker {

	/** Prefix of topics that clients cannot name and that keep no history. */
	String INTERNAL_PREFIX = "$";

	/** Topic carrying broadcasts to every connection. */
	String BROADCAST = "$broadcast";

	/** Places {@code event} in {@code topic} and delivers it to every subscriber. */
	Mono<Publication> publish(String topic, Event event);

	/** Hot stream of the publications of {@code topic}, from the moment of subscription. */
	Flux<Publication> subscribe(String topic);

	/**
	 * Completes when the broker can carry publications, fails when it cannot; health checks
	 * call it. A broker in this node's memory always can.
	 */
	default Mono<Void> ping() {
		return Mono.empty();
	}

}
