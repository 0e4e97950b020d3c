package dev.realtime.autoconfigure.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client on a plain socket with a small receive buffer that reads nothing until it
 * is told to: a client that falls behind, then catches up.
 */
final class PausedClient implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final Socket socket = new Socket();

	private final OutputStream out;

	private final DataInputStream in;

	PausedClient(int port, String pathAndQuery) throws IOException {
		// Before connecting, so that the TCP window is small from the start.
		this.socket.setReceiveBufferSize(4096);
		this.socket.connect(new InetSocketAddress("localhost", port));
		this.out = this.socket.getOutputStream();
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			head.append((char) this.in.readUnsignedByte());
		}
		if (!head.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("upgrade refused: " + head);
		}
	}

	/** Sends a masked text frame, as clients must. */
	void send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		if (payload.length > 125) {
			throw new IllegalArgumentException("keep test frames short");
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame);
		this.out.flush();
	}

	/**
	 * Reads the text frames that arrive, until one matches {@code last}, a close frame arrives,
	 * or nothing came for {@code quiet}.
	 */
	List<JsonNode> readUntil(Predicate<JsonNode> last, Duration quiet) throws IOException {
		this.socket.setSoTimeout((int) quiet.toMillis());
		List<JsonNode> frames = new ArrayList<>();
		try {
			for (;;) {
				int first = this.in.readUnsignedByte();
				long length = this.in.readUnsignedByte() & 0x7F;
				if (length == 126) {
					length = this.in.readUnsignedShort();
				}
				else if (length == 127) {
					length = this.in.readLong();
				}
				byte[] payload = new byte[(int) length];
				this.in.readFully(payload);
				int opcode = first & 0x0F;
				if (opcode == 0x8) {
					return frames;
				}
				if (opcode == 0x1) {
					JsonNode frame = mapper.readTree(payload);
					frames.add(frame);
					if (last.test(frame)) {
						return frames;
					}
				}
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			return frames;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
