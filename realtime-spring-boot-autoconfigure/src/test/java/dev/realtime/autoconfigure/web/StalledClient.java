package dev.realtime.autoconfigure.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that, once upgraded, sends what it is told and reads
 * nothing unless asked: not pings, not messages. Reactor Netty's client cannot be made to stop reading,
 * since it re-enables reads whenever it has demand.
 */
final class StalledClient implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final String responseHead;

	StalledClient(int port, String pathAndQuery) throws IOException {
		this(port, pathAndQuery, "");
	}

	/** Connects with {@code extraHeaders} (each ending with CRLF) added to the handshake. */
	StalledClient(int port, String pathAndQuery, String extraHeaders) throws IOException {
		this.socket = new Socket("localhost", port);
		this.socket.setReceiveBufferSize(4096);
		this.out = this.socket.getOutputStream();
		this.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
				+ "\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		this.responseHead = readResponseHead(this.socket.getInputStream());
	}

	/** The status line and headers of the handshake's response. */
	String responseHead() {
		return this.responseHead;
	}

	/** Reads one whole server frame; returns its first byte: FIN, RSV1-3 and the opcode. */
	int readFrameFirstByte() throws IOException {
		DataInputStream in = new DataInputStream(this.socket.getInputStream());
		int first = in.readUnsignedByte();
		long length = in.readUnsignedByte() & 0x7F;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		in.skipNBytes(length);
		return first;
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

	private static String readResponseHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		if (!head.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("upgrade refused: " + head);
		}
		return head.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
