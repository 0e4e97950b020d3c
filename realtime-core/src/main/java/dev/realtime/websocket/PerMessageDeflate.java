package dev.realtime.websocket;

import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The permessage-deflate extension (RFC 7692) of one connection, negotiated here rather than by
 * Reactor Netty, whose inflater has no bound: a frame of 20 KB, within any sensible frame limit,
 * inflates to 20 MB before anyone can count it. This one stops inflating a frame one byte past
 * the largest message a client may send, and {@link InboundFrameGuard} closes the connection
 * with 1009. Otherwise it is what Reactor Netty offers: the same handshaker, with the same
 * settings.
 */
final class PerMessageDeflate {

	static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	private static final String INFLATER = "realtime.inflater";

	private static final String DEFLATER = "realtime.deflater";

	private final WebSocketServerExtension extension;

	private PerMessageDeflate(WebSocketServerExtension extension) {
		this.extension = extension;
	}

	/**
	 * The first extension the client offers in {@code requestHeaders} that can be accepted, with
	 * an inflater that stops past {@code maxMessageBytes}; {@code null} when there is none. Offers
	 * that cannot be parsed are declined, and the connection goes uncompressed.
	 */
	static @Nullable PerMessageDeflate negotiate(HttpHeaders requestHeaders, int maxMessageBytes) {
		List<String> offers = requestHeaders.getOrEmpty(EXTENSIONS_HEADER);
		if (offers.isEmpty()) {
			return null;
		}
		PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker(6,
				ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
				PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false,
				(int) Math.min(Integer.MAX_VALUE, maxMessageBytes + 1L));
		try {
			for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(String.join(",", offers))) {
				WebSocketServerExtension extension = handshaker.handshakeExtension(offer);
				if (extension != null) {
					return new PerMessageDeflate(extension);
				}
			}
		}
		catch (RuntimeException ex) {
			// Netty's parser fails on some malformed headers (";;;"), where Reactor Netty logs
			// an error for each: a client gets no compression for them, and nothing is logged.
		}
		return null;
	}

	/** The value of the response's {@code Sec-WebSocket-Extensions}: what was agreed. */
	String responseHeader() {
		WebSocketExtensionData data = this.extension.newReponseData();
		StringBuilder header = new StringBuilder(data.name());
		for (Map.Entry<String, String> parameter : data.parameters().entrySet()) {
			header.append("; ").append(parameter.getKey());
			if (parameter.getValue() != null) {
				header.append('=').append(parameter.getValue());
			}
		}
		return header.toString();
	}

	/**
	 * Adds the inflater and the deflater after Netty's frame decoder, where Netty's extension
	 * handler would, before the client's first frame is read.
	 */
	void install(ChannelPipeline pipeline) {
		pipeline.addAfter(InboundFrameGuard.FRAME_DECODER, INFLATER, this.extension.newExtensionDecoder());
		pipeline.addAfter(InboundFrameGuard.FRAME_DECODER, DEFLATER, this.extension.newExtensionEncoder());
	}

}
