package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend calling the server API over real HTTP, with the JDK's client: each call a POST of a
 * JSON body, with the key in {@code X-API-Key} unless it is {@code null}.
 */
final class ApiClient {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	private final String key;

	ApiClient(int port, String key) {
		this.base = "http://localhost:" + port + "/realtime/api/";
		this.key = key;
	}

	/** {@code operation} called with {@code json}; fails unless it answers 200. */
	JsonNode call(String operation, String json) {
		Response response = post(operation, json);
		if (response.status() != 200) {
			throw new AssertionError(operation + " answered " + response.status() + ": " + response.body());
		}
		return response.json();
	}

	Response post(String operation, String json) {
		return send(request(operation).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Sends what {@code request} builds, with the key. */
	Response send(HttpRequest.Builder request) {
		if (this.key != null) {
			request.header("X-API-Key", this.key);
		}
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String operation) {
		return HttpRequest.newBuilder(URI.create(this.base + operation)).header("Content-Type", "application/json");
	}

	/** An answer: its status, its body, and the rest of it. */
	record Response(int status, String body, HttpResponse<String> raw) {

		JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		/** The error code of a refusal's body. */
		String error() {
			return json().path("error").asString();
		}

	}

}
