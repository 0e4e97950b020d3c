package dev.realtime.bench.stomp;

import dev.realtime.bench.common.ServerUnderTest;
import dev.realtime.bench.common.Tick;
import org.springframework.messaging.simp.SimpMessagingTemplate;

/** Publishes as a Spring application does: {@code convertAndSend} of the application's object. */
final class StompServerUnderTest implements ServerUnderTest {

	private final SimpMessagingTemplate template;

	private final StompSessionCounter counter;

	StompServerUnderTest(SimpMessagingTemplate template, StompSessionCounter counter) {
		this.template = template;
		this.counter = counter;
	}

	@Override
	public void publish(String room, Tick tick) {
		this.template.convertAndSend("/topic/" + room, tick);
	}

	@Override
	public long subscriptions() {
		return this.counter.subscriptions();
	}

	@Override
	public long connections() {
		return this.counter.sessions();
	}

}
