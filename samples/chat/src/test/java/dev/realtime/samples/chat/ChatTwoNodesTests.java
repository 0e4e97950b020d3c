package dev.realtime.samples.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the sample on one Redis, with the README's settings: what one says in a room,
 * the other's client hears, and presence counts both.
 */
class ChatTwoNodesTests {

	@Test
	void twoNodesOnOneRedisChatAsOne() throws Exception {
		try (RedisServer redis = RedisServer.start();
				ConfigurableApplicationContext one = node(redis);
				ConfigurableApplicationContext two = node(redis)) {
			BlockingQueue<String> annHears = new LinkedBlockingQueue<>();
			BlockingQueue<String> benHears = new LinkedBlockingQueue<>();
			WebSocket ann = connect(one, "ann", annHears);
			WebSocket ben = connect(two, "ben", benHears);
			ann.sendText("{\"type\":\"subscribe\",\"room\":\"lobby\",\"ref\":\"s\"}", true).get();
			ben.sendText("{\"type\":\"subscribe\",\"room\":\"lobby\",\"ref\":\"s\"}", true).get();
			assertThat(next(annHears, "\"ref\":\"s\"")).contains("\"ok\":true");
			assertThat(next(benHears, "\"ref\":\"s\"")).contains("\"ok\":true");
			ann.sendText("{\"type\":\"publish\",\"room\":\"lobby\",\"data\":{\"text\":\"hello from one\"},\"ref\":\"p\"}",
					true).get();
			assertThat(next(benHears, "\"type\":\"message\"")).contains("hello from one").contains("\"from\":\"ann\"");
			ben.sendText("{\"type\":\"presence\",\"room\":\"lobby\",\"ref\":\"w\"}", true).get();
			assertThat(next(benHears, "\"ref\":\"w\"")).contains("\"ann\"").contains("\"ben\"");
			ann.abort();
			ben.abort();
		}
	}

	private static ConfigurableApplicationContext node(RedisServer redis) {
		return new SpringApplicationBuilder(ChatApplication.class, OwnEventLoops.class)
			.properties("server.port=0", "realtime.broker.type=redis", "spring.data.redis.port=" + redis.port())
			.run();
	}

	private static WebSocket connect(ConfigurableApplicationContext node, String name, BlockingQueue<String> hears)
			throws Exception {
		int port = ((WebServerApplicationContext) node).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + port + "/realtime/ws?name=" + name), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					hears.add(data.toString());
					webSocket.request(1);
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
	}

	/**
	 * Event loops of the node's own: a node that stops must not take down Reactor Netty's global
	 * ones, which the other tests' cached application contexts use.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnEventLoops {

		@Bean
		ReactorResourceFactory nodeResources() {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		}

	}

	/** The next frame containing {@code marker}; frames before it are dropped. */
	private static String next(BlockingQueue<String> frames, String marker) throws InterruptedException {
		for (;;) {
			String frame = frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame with " + marker).isNotNull();
			if (frame.contains(marker)) {
				return frame;
			}
		}
	}

}
