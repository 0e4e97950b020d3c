package dev.realtime.autoconfigure.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client on a plain socket with a small receive buffer, for what Reactor Netty's
 * client cannot do: see the HTTP status of a refused handshake, read nothing at all (it
 * re-enables reads whenever it has demand), or read raw frames only when told to.
 */
final class RawWebSocketClient implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final Socket socket = new Socket();

	private final OutputStream out;

	private final DataInputStream in;

	private final String head;

	private RawWebSocketClient(int port, String pathAndQuery, String headers) throws IOException {
		// Before connecting, so that the TCP window is small from the start.
		this.socket.setReceiveBufferSize(4096);
		this.socket.setSoTimeout(10_000);
		this.socket.connect(new InetSocketAddress("localhost", port));
		this.out = this.socket.getOutputStream();
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + headers + "\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		this.head = head.toString();
	}

	/**
	 * Sends the upgrade request for {@code pathAndQuery} with {@code extraHeaders} (lines ending
	 * with CRLF) and reads the response's head, whatever its status.
	 */
	static RawWebSocketClient open(int port, String pathAndQuery, String extraHeaders) throws IOException {
		return request(port, pathAndQuery, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders);
	}

	/**
	 * Sends a request for {@code pathAndQuery} with {@code headers} (lines ending with CRLF) and
	 * no others but {@code Host}, and reads the response's head, whatever its status.
	 */
	static RawWebSocketClient request(int port, String pathAndQuery, String headers) throws IOException {
		return new RawWebSocketClient(port, pathAndQuery, headers);
	}

	static RawWebSocketClient open(int port, String pathAndQuery) throws IOException {
		return open(port, pathAndQuery, "");
	}

	/** Opens a connection that must be upgraded. */
	static RawWebSocketClient upgrade(int port, String pathAndQuery, String extraHeaders) throws IOException {
		RawWebSocketClient client = open(port, pathAndQuery, extraHeaders);
		if (client.status() != 101) {
			client.close();
			throw new IOException("upgrade refused: " + client.head());
		}
		return client;
	}

	static RawWebSocketClient upgrade(int port, String pathAndQuery) throws IOException {
		return upgrade(port, pathAndQuery, "");
	}

	int status() {
		return Integer.parseInt(this.head.substring(9, 12));
	}

	/** The response's status line and headers. */
	String head() {
		return this.head;
	}

	/** Sends a masked text frame, as clients must. */
	void send(String text) throws IOException {
		sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a masked frame of any length: {@code first} is its first byte (FIN, RSV1-3 and the
	 * opcode), {@code payload} goes unchanged, compressed or not.
	 */
	void sendFrame(int first, byte[] payload) throws IOException {
		this.out.write(frame(first, payload));
		this.out.flush();
	}

	/** Sends a close frame with {@code code} and no reason. */
	void sendClose(int code) throws IOException {
		sendFrame(0x88, new byte[] { (byte) (code >> 8), (byte) code });
	}

	/** A masked frame of {@code payload}, its header for its length included. */
	static byte[] frame(int first, byte[] payload) {
		int lengthBytes = (payload.length < 126) ? 0 : (payload.length < 65536) ? 2 : 8;
		byte[] frame = new byte[2 + lengthBytes + 4 + payload.length];
		frame[0] = (byte) first;
		frame[1] = (byte) (0x80 | ((lengthBytes == 0) ? payload.length : (lengthBytes == 2) ? 126 : 127));
		for (int i = 0; i < lengthBytes; i++) {
			frame[2 + i] = (byte) ((long) payload.length >>> (8 * (lengthBytes - 1 - i)));
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		System.arraycopy(mask, 0, frame, 2 + lengthBytes, 4);
		int start = 6 + lengthBytes;
		for (int i = 0; i < payload.length; i++) {
			frame[start + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		return frame;
	}

	/** How long a read may wait before it fails with a {@link SocketTimeoutException}. */
	void setReadTimeout(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
	}

	/** The output stream of the socket, for writing what no frame method writes. */
	OutputStream output() {
		return this.out;
	}

	/** Reads one whole server frame; returns its first byte: FIN, RSV1-3 and the opcode. */
	int readFrameFirstByte() throws IOException {
		return readFrame().first();
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
				Frame frame = readFrame();
				int opcode = frame.opcode();
				if (opcode == 0x8) {
					return frames;
				}
				if (opcode == 0x1) {
					JsonNode json = mapper.readTree(frame.payload());
					frames.add(json);
					if (last.test(json)) {
						return frames;
					}
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return frames;
		}
	}

	/**
	 * Reads frames until the server's close frame and returns its status code, or -1 when it
	 * has none; fails when the socket ends first, as a client sees 1006.
	 */
	int readCloseCode() throws IOException {
		for (;;) {
			Frame frame = readFrame();
			if (frame.opcode() == 0x8) {
				return frame.closeCode();
			}
		}
	}

	/** Reads one whole server frame. */
	Frame readFrame() throws IOException {
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
		return new Frame(first, payload);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** A frame from the server: its first byte (FIN, RSV1-3, opcode) and its payload. */
	record Frame(int first, byte[] payload) {

		int opcode() {
			return this.first & 0x0F;
		}

		/** The status code of a close frame, -1 when it has none. */
		int closeCode() {
			return (this.payload.length < 2) ? -1 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		/** The reason of a close frame, its bytes as they came. */
		byte[] closeReason() {
			return Arrays.copyOfRange(this.payload, Math.min(2, this.payload.length), this.payload.length);
		}

	}

}
