package dev.realtime.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * One of the engine's Lua scripts, from {@code META-INF/realtime/redis}: run by its SHA-1, so
 * that a call sends no script body, and loaded by sending it whole when Redis does not know it
 * yet (a fresh or restarted server).
 */
final class RedisScript {

	private final byte[] body;

	private final String sha;

	private RedisScript(byte[] body) {
		this.body = body;
		try {
			this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RedisScript load(String name) {
		try (InputStream in = RedisScript.class.getResourceAsStream("/META-INF/realtime/redis/" + name + ".lua")) {
			if (in == null) {
				throw new IllegalStateException("No script " + name);
			}
			return new RedisScript(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs the script; its reply is a list, as each script returns. */
	Mono<List<Object>> run(RedisClusterReactiveCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
		return commands.<List<Object>>evalsha(this.sha, ScriptOutputType.MULTI, keys, args)
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> commands.<List<Object>>eval(this.body, ScriptOutputType.MULTI, keys, args))
			.next();
	}

	static byte[] arg(Object value) {
		return value.toString().getBytes(StandardCharsets.UTF_8);
	}

}
