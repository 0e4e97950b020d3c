package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.redis.RedisServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Several nodes of the test application in this JVM, each on its own random port, sharing one
 * Redis under a key prefix of their own: a cluster as a load balancer sees it.
 */
final class RedisNodes implements AutoCloseable {

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final RedisServer redis;

	private final String prefix = "rt" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private RedisNodes(RedisServer redis) {
		this.redis = redis;
	}

	/** {@code count} nodes on {@code redis}, with {@code properties} on top of the Redis ones. */
	static RedisNodes start(int count, RedisServer redis, String... properties) {
		RedisNodes nodes = new RedisNodes(redis);
		for (int i = 0; i < count; i++) {
			nodes.nodes.add(new SpringApplicationBuilder(TestApplication.class, OwnEventLoops.class)
				.run(nodes.arguments(properties)));
		}
		return nodes;
	}

	/**
	 * The command-line arguments of a node of this cluster with {@code properties}: arguments win
	 * over the test application.properties; one per name, the last given (the same name twice
	 * would bind as a list).
	 */
	String[] arguments(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "realtime.broker.type=redis",
				"spring.data.redis.port=" + this.redis.port(), "realtime.redis.key-prefix=" + this.prefix,
				"realtime.limits.max-connections-per-user=100", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		Map<String, String> arguments = new LinkedHashMap<>();
		all.forEach((property) -> arguments.put(property.substring(0, property.indexOf('=')), "--" + property));
		return arguments.values().toArray(String[]::new);
	}

	DefaultRealtimeHub hub(int node) {
		return this.nodes.get(node).getBean(DefaultRealtimeHub.class);
	}

	int port(int node) {
		return ((WebServerApplicationContext) this.nodes.get(node)).getWebServer().getPort();
	}

	<T> T bean(int node, Class<T> type) {
		return this.nodes.get(node).getBean(type);
	}

	URI ws(int node, String user) {
		return URI.create("ws://localhost:" + port(node) + "/realtime/ws?user=" + user);
	}

	URI sse(int node, String query) {
		return URI.create("http://localhost:" + port(node) + "/realtime/sse?" + query);
	}

	/** Stops node {@code node} as the application would, draining it; the others go on. */
	void stop(int node) {
		this.nodes.get(node).close();
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	/**
	 * Event loops of the node's own: a node that stops must not take down Reactor Netty's global
	 * ones, which the other nodes and every cached test context use.
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

}
