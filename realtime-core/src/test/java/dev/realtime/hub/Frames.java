package dev.realtime.hub;

import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.Publication;
import tools.jackson.databind.json.JsonMapper;

/** Frames for the hub's unit tests. */
final class Frames {

	private Frames() {
	}

	static OutboundFrame publication(String room, long offset) {
		return OutboundFrame.publication(new Publication(room, offset, "e",
				EncodedEvent.of(Event.message(offset), JsonMapper.shared())));
	}

}
