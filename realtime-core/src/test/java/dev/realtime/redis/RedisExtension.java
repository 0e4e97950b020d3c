package dev.realtime.redis;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A redis-server of a test class's own, started before its tests and stopped after them, with
 * one set of connections to it. Register it in a static field; each test takes a key prefix of
 * its own, so that no test sees another's data.
 */
final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

	private RedisServer server;

	private RedisConnections connections;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = RedisServer.start();
		this.connections = RedisConnections.create(this.server.uri());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.connections.close();
		this.server.close();
	}

	RedisServer server() {
		return this.server;
	}

	RedisConnections connections() {
		return this.connections;
	}

	/** A key prefix no other test uses. */
	static String prefix() {
		return "rt" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

}
