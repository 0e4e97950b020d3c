package dev.realtime.samples.chat;

import dev.realtime.RealtimeEndpoint;
import dev.realtime.RealtimePrincipal;
import dev.realtime.security.RealtimeAuthenticator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Chat rooms in the browser: the page in {@code static/index.html} uses the starter's
 * JavaScript client, {@code /realtime/client.js}, for rooms, their history on join, presence,
 * and reconnecting without losing a message. Its server logic is one annotated method per
 * concern, in {@link ChatController}: messages tidied before they are published, and searched.
 * Everything lives in memory; no Redis is needed.
 */
@SpringBootApplication
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

	/**
	 * Takes the user's name from {@code ?name=}: a demo stands in for real authentication here.
	 * Names that are not plain words are refused with HTTP 401.
	 */
	@Bean
	RealtimeAuthenticator nameAuthenticator() {
		return (exchange) -> {
			String name = exchange.getRequest().getQueryParams().getFirst("name");
			if (name == null || name.isBlank()) {
				return Mono.just(RealtimePrincipal.anonymous());
			}
			return name.matches("[\\w-]{1,32}") ? Mono.just(RealtimePrincipal.user(name)) : Mono.empty();
		};
	}

	/** The seeds' echo handler: every frame goes back to its sender. */
	@Bean
	RealtimeEndpoint echo() {
		return new RealtimeEndpoint("/echo", (connection, message) -> {
			connection.sendText(message.text());
			return Mono.empty();
		});
	}

}
