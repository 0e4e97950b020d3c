package dev.realtime.autoconfigure.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code text/event-stream} client on the JDK's HTTP client, parsing events as the
 * HTML specification says a browser does.
 */
final class SseTestClient implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final HttpResponse<InputStream> response;

	private final Thread reader;

	private SseTestClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static SseTestClient connect(URI uri, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode());
		}
		return new SseTestClient(response);
	}

	static int status(URI uri, String method) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode();
	}

	HttpResponse<InputStream> response() {
		return this.response;
	}

	/** The next event, of any name. */
	Event next() throws InterruptedException {
		Event event = this.events.poll(10, TimeUnit.SECONDS);
		if (event == null) {
			throw new AssertionError("no event within 10 s");
		}
		return event;
	}

	/** The next event named {@code name}; events of other names before it are dropped. */
	Event next(String name) throws InterruptedException {
		for (;;) {
			Event event = next();
			if (name.equals(event.name())) {
				return event;
			}
		}
	}

	List<Event> messages(int count) throws InterruptedException {
		List<Event> messages = new ArrayList<>(count);
		while (messages.size() < count) {
			messages.add(next("message"));
		}
		return messages;
	}

	Event poll(long millis) throws InterruptedException {
		return this.events.poll(millis, TimeUnit.MILLISECONDS);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = null;
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, (name != null) ? name : "message", data.toString()));
					}
					name = null;
					data = null;
					continue;
				}
				if (line.startsWith(":")) {
					continue;
				}
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line : line.substring(0, colon);
				String value = (colon < 0) ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				switch (field) {
					case "id" -> id = value;
					case "event" -> name = value;
					case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
					default -> {
					}
				}
			}
		}
		catch (IOException ex) {
			// The stream was closed: by the test, or by the server.
		}
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
		this.reader.interrupt();
	}

	/** One dispatched event: its last id, name and data. */
	record Event(String id, String name, String data) {

		JsonNode json() {
			return mapper.readTree(this.data);
		}

	}

}
