package dev.realtime.security;

/**
 * What happens to the frames of a client that reads more slowly than they come, once its
 * outbound buffer is full.
 */
public enum SlowConsumerPolicy {

	/** Close the connection with 4000; the client reconnects and resumes. No frame is lost unseen. */
	DISCONNECT,

	/**
	 * Keep the newest frames in a bounded backlog and drop the oldest; the client sees a gap in a
	 * room's offsets. The connection is closed with 4000 all the same if its backlog does not
	 * drain within the send timeout.
	 */
	DROP_OLDEST,

	/**
	 * Keep only the newest publication of each room in the backlog (what a price ticker wants);
	 * frames outside rooms are kept in order, the oldest dropped past the backlog's bound. Closed
	 * with 4000 like {@link #DROP_OLDEST} if the backlog does not drain within the send timeout.
	 */
	CONFLATE

}
