package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket handshake on a plain socket, to see the HTTP status a refused one gets; an
 * accepted one stays open, unread, until closed.
 */
final class Handshake implements AutoCloseable {

	private final Socket socket;

	private final int status;

	private final String head;

	private Handshake(Socket socket, int status, String head) {
		this.socket = socket;
		this.status = status;
		this.head = head;
	}

	/** Sends the upgrade request for {@code pathAndQuery} with {@code extraHeaders} (CRLF-terminated lines). */
	static Handshake open(int port, String pathAndQuery, String extraHeaders) throws IOException {
		Socket socket = new Socket("localhost", port);
		socket.setSoTimeout(10_000);
		socket.getOutputStream()
			.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
					+ "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		String head = readHead(socket.getInputStream());
		return new Handshake(socket, Integer.parseInt(head.substring(9, 12)), head);
	}

	static Handshake open(int port, String pathAndQuery) throws IOException {
		return open(port, pathAndQuery, "");
	}

	int status() {
		return this.status;
	}

	/** The response's status line and headers. */
	String head() {
		return this.head;
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
