package dev.realtime.samples.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a browser would use it, through the JDK's own WebSocket client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesTheChatPage() throws Exception {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("http", "/index.html")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("realtime chat").contains("import { connect } from '/realtime/client.js'");
		HttpResponse<String> client = this.http.send(HttpRequest.newBuilder(uri("http", "/realtime/client.js")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(client.statusCode()).isEqualTo(200);
	}

	@Test
	void twoPeopleInARoomChat() throws Exception {
		Frames alice = new Frames();
		Frames bob = new Frames();
		WebSocket aliceSocket = connect("/realtime/ws?name=alice", alice);
		WebSocket bobSocket = connect("/realtime/ws?name=bob", bob);
		aliceSocket.sendText("{\"type\":\"subscribe\",\"room\":\"lobby\",\"ref\":\"1\"}", true).join();
		bobSocket.sendText("{\"type\":\"subscribe\",\"room\":\"lobby\",\"ref\":\"1\"}", true).join();
		assertThat(alice.next()).contains("\"type\":\"reply\"");
		assertThat(bob.next()).contains("\"type\":\"reply\"");
		aliceSocket.sendText("{\"type\":\"publish\",\"room\":\"lobby\",\"data\":{\"text\":\"hello bob\"}}", true).join();
		String received = bob.next();
		assertThat(received).contains("\"type\":\"message\"").contains("hello bob").contains("\"from\":\"alice\"");
		aliceSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
		bobSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void theChatControllerTidiesMessagesBeforeTheyArePublishedAndRefusesEmptyOnes() throws Exception {
		Frames carl = new Frames();
		WebSocket socket = connect("/realtime/ws?name=carl", carl);
		socket.sendText("{\"type\":\"subscribe\",\"room\":\"tidy\",\"ref\":\"1\"}", true).join();
		assertThat(carl.next()).contains("\"type\":\"reply\"");
		socket.sendText("{\"type\":\"publish\",\"room\":\"tidy\",\"data\":{\"text\":\"  \"},\"ref\":\"2\"}", true)
			.join();
		assertThat(carl.next()).isEqualTo("{\"type\":\"error\",\"ref\":\"2\",\"code\":\"bad_request\","
				+ "\"message\":\"field 'data.text' must not be blank\"}");
		socket.sendText("{\"type\":\"publish\",\"room\":\"tidy\",\"data\":{\"text\":\"  hi  \"},\"ref\":\"p\"}", true)
			.join();
		// The reply and the message itself, in either order.
		assertThat(List.of(carl.next(), carl.next()))
			.anySatisfy((frame) -> assertThat(frame).startsWith("{\"type\":\"reply\",\"ref\":\"p\",\"ok\":true"))
			.anySatisfy((frame) -> assertThat(frame).contains("\"type\":\"message\"")
				.contains("\"data\":{\"text\":\"hi\"}"));
		socket.sendText("{\"type\":\"rpc\",\"method\":\"chat.search\",\"data\":{\"room\":\"tidy\",\"query\":\"hi\"},"
				+ "\"ref\":\"3\"}", true).join();
		assertThat(carl.next()).startsWith("{\"type\":\"reply\",\"ref\":\"3\",\"ok\":true,\"result\":[{\"room\":\"tidy\","
				+ "\"from\":\"carl\",\"text\":\"hi\"");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void theEchoEndpointSendsEveryFrameBack() throws Exception {
		Frames frames = new Frames();
		WebSocket socket = connect("/echo", frames);
		socket.sendText("anything at all", true).join();
		assertThat(frames.next()).isEqualTo("anything at all");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void aNameThatIsNotAWordIsRefusedBeforeTheUpgrade() {
		Throwable error = this.http.newWebSocketBuilder()
			.buildAsync(uri("ws", "/realtime/ws?name=%3Cscript%3E"), new Frames())
			.handle((socket, failure) -> failure)
			.join();
		assertThat(error).hasCauseInstanceOf(WebSocketHandshakeException.class);
		assertThat(((WebSocketHandshakeException) error.getCause()).getResponse().statusCode()).isEqualTo(401);
	}

	private WebSocket connect(String path, Frames frames) {
		return this.http.newWebSocketBuilder().buildAsync(uri("ws", path), frames).join();
	}

	private URI uri(String scheme, String path) {
		return URI.create(scheme + "://localhost:" + this.port + path);
	}

	static final class Frames implements WebSocket.Listener {

		private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.queue.add(this.partial.toString());
				this.partial.setLength(0);
			}
			socket.request(1);
			return null;
		}

		/** The next frame, past the join and leave frames of the room's members. */
		String next() throws InterruptedException {
			for (;;) {
				String frame = this.queue.poll(10, TimeUnit.SECONDS);
				assertThat(frame).as("a frame within 10 s").isNotNull();
				if (!frame.startsWith("{\"type\":\"join\"") && !frame.startsWith("{\"type\":\"leave\"")) {
					return frame;
				}
			}
		}

	}

}
