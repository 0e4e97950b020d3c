package dev.realtime.autoconfigure.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * HTTP on plain sockets, for what an HTTP client will not do: send half a request and wait,
 * trickle one byte at a time, connect from a chosen loopback address, or tell whether the
 * server closed the connection.
 */
final class RawHttp {

	private RawHttp() {
	}

	/** A socket connected to {@code port} from {@code localAddress}, any port. */
	static Socket connect(int port, InetAddress localAddress) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(localAddress, 0));
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
		return socket;
	}

	static Socket connect(int port) throws IOException {
		return connect(port, InetAddress.getLoopbackAddress());
	}

	static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	/**
	 * {@code GET path} from {@code localAddress} on a connection of its own, with
	 * {@code extraHeaders} (lines ending with CRLF); the response's head.
	 */
	static String get(int port, String path, InetAddress localAddress, String extraHeaders) throws IOException {
		try (Socket socket = connect(port, localAddress)) {
			socket.setSoTimeout(10_000);
			send(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extraHeaders
					+ "\r\n");
			return readHead(socket.getInputStream());
		}
	}

	static String get(int port, String path) throws IOException {
		return get(port, path, InetAddress.getLoopbackAddress(), "");
	}

	/** Reads a response's status line and headers. */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before the end of the response head: " + head);
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/** The status code of a response head. */
	static int status(String head) {
		return Integer.parseInt(head.substring(9, 12));
	}

	/**
	 * Whether the server closed {@code socket} within {@code timeout}, reading and discarding
	 * whatever it sent before.
	 */
	static boolean closedByServer(Socket socket, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		InputStream in = socket.getInputStream();
		try {
			for (;;) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
				if (in.read() < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			// Reset by the server: closed as well.
			return true;
		}
	}

	/** Closes every socket, those the server closed already too. */
	static void closeAll(List<Socket> sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closed by the server already.
			}
		}
	}

}
