package dev.realtime.autoconfigure.web;

import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.OpenConnectionLimit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of sockets that never finish a request, against a server holding at most 40
 * connections: those beyond it are closed as soon as they are accepted, and the connections
 * already open keep being served.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// A deadline past the end of the test: here only the cap closes anything.
		properties = { "realtime.limits.max-open-connections=40", "realtime.limits.request-head-timeout=60s" })
class RealtimeOpenConnectionLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Autowired
	OpenConnectionLimit openConnections;

	@Test
	void socketsBeyondTheLimitAreClosedAtOnceWhileTheOpenConnectionsAreServed() throws Exception {
		await().until(() -> this.openConnections.open() == 0);
		long refused = this.counters.count(LimitEvent.OPEN_CONNECTIONS_EXCEEDED);
		List<Socket> attackers = new ArrayList<>();
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				SseTestClient stream = SseTestClient.connect(sseUri("news"), null);
				Socket keepAlive = RawHttp.connect(this.port)) {
			bystander.subscribe("news");
			assertServed(bystander, stream, keepAlive);
			await().until(() -> this.openConnections.open() == 3);
			for (int i = 0; i < 100; i++) {
				Socket attacker = RawHttp.connect(this.port);
				RawHttp.send(attacker, "GET /realtime/config HTTP/1.1\r\nHost: localhost\r\nX-Half: ");
				attackers.add(attacker);
			}
			await().until(() -> this.counters.count(LimitEvent.OPEN_CONNECTIONS_EXCEEDED) == refused + 63);
			assertThat(this.openConnections.open()).isEqualTo(40);
			int closed = 0;
			for (Socket attacker : attackers) {
				if (RawHttp.closedByServer(attacker, Duration.ofMillis(20))) {
					closed++;
				}
			}
			assertThat(closed).isEqualTo(63);
			for (int i = 0; i < 5; i++) {
				assertServed(bystander, stream, keepAlive);
				try (Socket late = RawHttp.connect(this.port)) {
					assertThat(RawHttp.closedByServer(late, Duration.ofSeconds(2))).isTrue();
				}
			}
			RawHttp.closeAll(attackers);
			await().until(() -> this.openConnections.open() == 3);
			assertThat(RawHttp.status(RawHttp.get(this.port, "/realtime/config"))).isEqualTo(200);
			try (TestClient newcomer = TestClient.connect(uri("newcomer"))) {
				assertThat(newcomer.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
			}
			assertServed(bystander, stream, keepAlive);
		}
		finally {
			RawHttp.closeAll(attackers);
		}
		assertThat(this.counters.count(LimitEvent.OPEN_CONNECTIONS_EXCEEDED)).isEqualTo(refused + 63 + 5);
	}

	private void assertServed(TestClient bystander, SseTestClient stream, Socket keepAlive) throws Exception {
		RawHttp.send(keepAlive, "GET /realtime/config HTTP/1.1\r\nHost: localhost\r\n\r\n");
		keepAlive.setSoTimeout(10_000);
		String head = RawHttp.readHead(keepAlive.getInputStream());
		assertThat(RawHttp.status(head)).isEqualTo(200);
		keepAlive.getInputStream().readNBytes(Integer.parseInt(head.replaceAll("(?si).*content-length: (\\d+).*", "$1")));
		Bystander.assertServed(this.hub, bystander, stream);
	}

	private URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	private URI sseUri(String room) {
		return URI.create("http://localhost:" + this.port + "/realtime/sse?room=" + room + "&user=sse");
	}

}
