package dev.realtime.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What RFC 6455 forbids and Reactor Netty lets through: reserved bits no extension took, close
 * codes no endpoint may send.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeProtocolViolationIntegrationTests {

	private static final byte[] PING = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void framesWithReservedBitsSetAndNoExtensionNegotiatedAreClosedWith1002() throws Exception {
		long invalid = this.counters.count(LimitEvent.FRAME_INVALID);
		// RSV1, RSV2 and RSV3 on text frames, then RSV1 on a ping.
		List<Integer> firstBytes = List.of(0xC1, 0xA1, 0x91, 0xC9);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "rsv-bystander")) {
			for (int first : firstBytes) {
				try (RawWebSocketClient client = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=rsv")) {
					client.sendFrame(first, PING);
					assertThat(client.readCloseCode()).as(Integer.toHexString(first))
						.isEqualTo(CloseCodes.PROTOCOL_ERROR);
				}
			}
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.FRAME_INVALID)).isEqualTo(invalid + firstBytes.size());
	}

	@Test
	void closeCodesThatNoEndpointMaySendAreAnsweredWith1002() throws Exception {
		long invalid = this.counters.count(LimitEvent.FRAME_INVALID);
		List<Integer> invalidCodes = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "close-bystander")) {
			for (int code : invalidCodes) {
				try (RawWebSocketClient client = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=closer")) {
					client.sendClose(code);
					assertThat(client.readCloseCode()).as("answer to %d", code).isEqualTo(CloseCodes.PROTOCOL_ERROR);
				}
			}
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.FRAME_INVALID)).isEqualTo(invalid + invalidCodes.size());
	}

	@Test
	void validCloseCodesAreEchoed() throws Exception {
		for (int code : List.of(1000, 1001, 1011, 3000, 4999)) {
			try (RawWebSocketClient client = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=closer")) {
				client.sendClose(code);
				assertThat(client.readCloseCode()).isEqualTo(code);
			}
		}
	}

}
