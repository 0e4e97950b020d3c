package dev.realtime.hub;

/**
 * How the hub serves its subscribers.
 *
 * @param subscriberBuffer publications an in-app subscriber may lag behind before its
 * subscription fails with an overflow
 * @param maxReplay publications one resuming subscription replays at most; past it the client
 * gets the newest and {@code recovered: false}
 * @param joinLeave which rooms send join and leave to their members
 */
public record HubSettings(int subscriberBuffer, int maxReplay, JoinLeaveEvents joinLeave) {

	/** Defaults for tests and small setups: 1024 publications of buffer and replay, no join or leave. */
	public static HubSettings defaults() {
		return new HubSettings(1024, 1024, JoinLeaveEvents.none());
	}

}
