package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of its own, in a JVM of its own, that pings a node 20 times a second until told to
 * stop: what it measures is the node, not the pauses of a test JVM busy with thousands of other
 * clients. It prints {@value #RTT} and the round trip in ms for each ping, {@value #TIMEOUT} for
 * one unanswered within 10 seconds.
 */
final class PingProcess implements AutoCloseable {

	static final String RTT = "rtt ";

	static final String TIMEOUT = "timeout";

	private final Process process;

	private final List<Long> rtts;

	private PingProcess(Process process, List<Long> rtts) {
		this.process = process;
		this.rtts = rtts;
	}

	/** Starts pinging {@code uri}, once its first pong came back. */
	static PingProcess start(URI uri) throws Exception {
		List<Long> rtts = new ArrayList<>();
		CompletableFuture<Void> first = new CompletableFuture<>();
		Process process = TestJvm.start(PingProcess.class, "64m", List.of(), List.of(uri.toString()), (line) -> {
			if (line.startsWith(RTT) || line.equals(TIMEOUT)) {
				synchronized (rtts) {
					rtts.add(line.equals(TIMEOUT) ? Long.MAX_VALUE : Long.parseLong(line.substring(RTT.length())));
				}
				first.complete(null);
			}
		});
		first.get(30, TimeUnit.SECONDS);
		return new PingProcess(process, rtts);
	}

	/** Stops pinging; the round trips measured, in ms, in order ({@link Long#MAX_VALUE} for a timeout). */
	List<Long> stop() throws Exception {
		this.process.getOutputStream().close();
		this.process.waitFor(10, TimeUnit.SECONDS);
		synchronized (this.rtts) {
			return List.copyOf(this.rtts);
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	public static void main(String[] args) throws Exception {
		BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(args[0]), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					pongs.add(data.toString());
					webSocket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		// Pings until the test closes our standard input.
		Thread stopper = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// Nothing is sent on it: its end is the signal.
				}
			}
			catch (Exception ex) {
				// Ended either way.
			}
		});
		stopper.start();
		for (int n = 0; stopper.isAlive(); n++) {
			String ref = "\"ref\":\"p" + n + "\"";
			long sent = System.nanoTime();
			socket.sendText("{\"type\":\"ping\"," + ref + "}", true).get(10, TimeUnit.SECONDS);
			String frame;
			do {
				frame = pongs.poll(10, TimeUnit.SECONDS);
			}
			while (frame != null && !frame.contains(ref));
			System.out.println((frame != null) ? RTT + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) : TIMEOUT);
			Thread.sleep(50);
		}
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
	}

}
