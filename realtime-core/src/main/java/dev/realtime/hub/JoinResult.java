package dev.realtime.hub;

/**
 * What became of a request to join a room.
 */
enum JoinResult {

	/** The connection is now a member. */
	JOINED,

	/** The connection was a member already, or closed meanwhile: nothing changed. */
	ALREADY_MEMBER,

	/** The room has as many members as it may: nothing changed. */
	FULL

}
