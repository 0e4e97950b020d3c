package dev.realtime.bench.stomp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/** Counts STOMP sessions and subscriptions from Spring's own session events. */
@Component
class StompSessionCounter {

	private final LongAdder sessions = new LongAdder();

	private final Map<String, AtomicInteger> subscriptionsBySession = new ConcurrentHashMap<>();

	private final LongAdder subscriptions = new LongAdder();

	@EventListener
	void connected(SessionConnectedEvent event) {
		this.sessions.increment();
	}

	@EventListener
	void subscribed(SessionSubscribeEvent event) {
		this.subscriptionsBySession.computeIfAbsent(sessionId(event.getMessage().getHeaders()), (id) -> new AtomicInteger())
			.incrementAndGet();
		this.subscriptions.increment();
	}

	@EventListener
	void unsubscribed(SessionUnsubscribeEvent event) {
		AtomicInteger count = this.subscriptionsBySession.get(sessionId(event.getMessage().getHeaders()));
		if (count != null && count.decrementAndGet() >= 0) {
			this.subscriptions.decrement();
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.sessions.decrement();
		AtomicInteger count = this.subscriptionsBySession.remove(event.getSessionId());
		if (count != null) {
			this.subscriptions.add(-Math.max(0, count.get()));
		}
	}

	long sessions() {
		return this.sessions.sum();
	}

	long subscriptions() {
		return this.subscriptions.sum();
	}

	private static String sessionId(org.springframework.messaging.MessageHeaders headers) {
		return SimpMessageHeaderAccessor.getSessionId(headers);
	}

}
