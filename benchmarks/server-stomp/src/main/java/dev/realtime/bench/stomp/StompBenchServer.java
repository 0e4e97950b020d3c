package dev.realtime.bench.stomp;

import dev.realtime.bench.common.ControlServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Baseline: what Spring users run today. STOMP over a plain WebSocket (no SockJS) at
 * {@code /stomp}, Spring's simple in-memory broker on {@code /topic}, Tomcat, every other
 * setting at its default. The publisher calls {@link SimpMessagingTemplate#convertAndSend}.
 */
@SpringBootApplication
@EnableWebSocketMessageBroker
public class StompBenchServer implements WebSocketMessageBrokerConfigurer {

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(StompBenchServer.class, args);
		int controlPort = context.getEnvironment().getRequiredProperty("bench.control-port", Integer.class);
		ControlServer.start(new StompServerUnderTest(context.getBean(SimpMessagingTemplate.class),
				context.getBean(StompSessionCounter.class)), controlPort);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/stomp");
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic");
	}

}
