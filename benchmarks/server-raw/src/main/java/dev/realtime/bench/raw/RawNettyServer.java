package dev.realtime.bench.raw;

import dev.realtime.bench.common.ControlServer;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Baseline: the ceiling of our stack. Reactor Netty with no framework on top: a WebSocket route
 * that understands just enough of our protocol to subscribe ({@code {"type":"subscribe","room":..}}
 * gets its {@code reply}), and a broadcast that writes one pre-encoded frame to every member,
 * one task per event loop. An SSE route does the same over {@code text/event-stream}.
 * <p>
 * Arguments: {@code port controlPort}.
 */
public final class RawNettyServer {

	private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

	private final RawRooms rooms = new RawRooms();

	private final RawSse sse = new RawSse();

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int controlPort = Integer.parseInt(args[1]);
		RawNettyServer server = new RawNettyServer();
		DisposableServer http = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.ws("/ws", server::webSocket).get("/sse", server.sse::handle))
			.bindNow();
		ControlServer.start(new RawServerUnderTest(server.rooms, server.sse), controlPort);
		System.out.println("raw server on " + http.port());
		http.onDispose().block();
	}

	private Mono<Void> webSocket(WebsocketInbound in, WebsocketOutbound out) {
		Channel[] channel = new Channel[1];
		in.withConnection((connection) -> channel[0] = connection.channel());
		// The same slow-consumer bound as ours (realtime.limits.outbound-buffer = 1MB).
		channel[0].config().setWriteBufferWaterMark(WATER_MARK);
		return in.receive().asString().doOnNext((text) -> onText(channel[0], text)).then();
	}

	private void onText(Channel channel, String text) {
		// Just enough parsing for the load generator's one frame; not a JSON parser.
		if (!text.contains("\"subscribe\"")) {
			return;
		}
		String room = field(text, "room");
		String ref = field(text, "ref");
		this.rooms.join(room, channel);
		String reply = "{\"type\":\"reply\",\"ref\":\"" + ref + "\",\"ok\":true,\"result\":{\"room\":\"" + room + "\"}}";
		channel.writeAndFlush(new TextWebSocketFrame(reply), channel.voidPromise());
	}

	private static String field(String json, String name) {
		String key = "\"" + name + "\":\"";
		int start = json.indexOf(key) + key.length();
		return json.substring(start, json.indexOf('"', start));
	}

}
