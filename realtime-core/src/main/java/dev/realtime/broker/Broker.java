package dev.realtime.broker;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Owns each topic's stream: numbers its publications, keeps the recent ones, and carries them to
 * the subscribers of every node. Every backend passes {@code BrokerContractTests}.
 * <p>
 * Contract, which resume and the room fan-out depend on:
 * <ul>
 * <li>{@link #publish} gives the event the topic's next offset, keeps it in the topic's window and
 * delivers it, as one step: no two publications of a topic ever share an offset, and every node
 * sees them in offset order.</li>
 * <li>{@link #subscribe} completes only once the subscription is live: every publication made
 * after that reaches the listener. A backend that confirms subscriptions late (Redis) completes
 * late; the hub reads history only after it completes, so nothing falls in between.</li>
 * <li>{@link #history} and {@link #position} answer from the same window that {@link #publish}
 * writes: offsets, epochs and replays can never disagree.</li>
 * <li>Topics whose name starts with {@value #INTERNAL_PREFIX} are the starter's own (such as
 * {@link #BROADCAST}); they keep no history and their publications have offset 0.</li>
 * </ul>
 */
public interface Broker {

	/** Prefix of topics that clients cannot name and that keep no history. */
	String INTERNAL_PREFIX = "$";

	/** Topic carrying broadcasts to every connection. */
	String BROADCAST = "$broadcast";

	/**
	 * Places {@code event} in {@code topic} and delivers it to every subscriber, on every node.
	 * Fails with {@link BrokerUnavailableException} when the broker cannot take it now.
	 */
	Mono<Publication> publish(String topic, EncodedEvent event);

	/** Tells the subscribers of {@code topic} that {@code client} joined it; kept in no history. */
	Mono<Void> publishJoin(String topic, ClientInfo client);

	/** Tells the subscribers of {@code topic} that {@code client} left it; kept in no history. */
	Mono<Void> publishLeave(String topic, ClientInfo client);

	/**
	 * Subscribes {@code listener} to {@code topic}; completes once the subscription is live, with
	 * what ends it. Calls to one listener never overlap and come in offset order.
	 */
	Mono<Disposable> subscribe(String topic, BrokerListener listener);

	/**
	 * The publications of {@code topic} after {@code since}, in offset order, at most
	 * {@code limit} of them.
	 * <ul>
	 * <li>Same epoch, and the window still holds every offset after {@code since}, and they are
	 * no more than {@code limit}: all of them, {@code recovered}.</li>
	 * <li>Same epoch, but the oldest of them have left the window (or are more than
	 * {@code limit}): the newest still held, not {@code recovered}.</li>
	 * <li>Another epoch, or an offset the topic never reached: none, not {@code recovered}; the
	 * client missed an unknown amount.</li>
	 * </ul>
	 */
	Mono<Replay> history(String topic, StreamPosition since, int limit);

	/** The topic's current position: its last offset and its epoch. */
	Mono<StreamPosition> position(String topic);

	/**
	 * Completes when the broker can carry publications, fails when it cannot; health checks
	 * call it. A broker in this node's memory always can.
	 */
	default Mono<Void> ping() {
		return Mono.empty();
	}

}
