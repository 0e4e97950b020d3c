package dev.realtime.hub;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a connection stands with one room's stream while it (re)subscribes: live publications are
 * held until the replay is written, then those the replay already covered are skipped. Frames
 * outside the stream (join, leave) pass. Confined to the connection's lane.
 */
final class Gate {

	/** The room whose stream this gate holds. */
	final String room;

	/**
	 * The connection's next gate: a connection keeps its gates in a list of their own, which
	 * costs nothing beyond the gates (an open gate stays until a live frame passes it, and an
	 * idle connection keeps one for good).
	 */
	@Nullable Gate next;

	private @Nullable List<OutboundFrame> held = new ArrayList<>();

	private long replayedUpTo = -1;

	Gate(String room, @Nullable Gate next) {
		this.room = room;
		this.next = next;
	}

	/** Whether {@code frame} may be written now; held or skipped otherwise. */
	boolean admits(OutboundFrame frame) {
		if (frame.offset() == 0) {
			return true;
		}
		if (this.held != null) {
			frame.retain();
			this.held.add(frame);
			return false;
		}
		return frame.offset() > this.replayedUpTo;
	}

	/** Whether frames from now on can no longer be covered by the replay. */
	boolean passedBy(OutboundFrame frame) {
		return this.held == null && frame.offset() > this.replayedUpTo;
	}

	/**
	 * Ends the hold: the replay covered everything up to {@code offset}.
	 * @return the held frames, which the caller writes (those past {@code offset}) and releases;
	 * none when the gate was opened already (a connection closing right after its replay)
	 */
	List<OutboundFrame> open(long offset) {
		List<OutboundFrame> frames = (this.held != null) ? this.held : List.of();
		this.held = null;
		this.replayedUpTo = offset;
		return frames;
	}

}
