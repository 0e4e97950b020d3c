package dev.realtime.hub;

import java.time.Duration;

/**
 * How the hub serves its subscribers.
 *
 * @param subscriberBuffer publications an in-app subscriber may lag behind before its
 * subscription fails with an overflow
 * @param maxReplay publications one resuming subscription replays at most; past it the client
 * gets the newest and {@code recovered: false}
 * @param replayBytesPerSecond bytes of history one connection may have replayed per second, on
 * average
 * @param replayBurstBytes bytes of history one connection may have replayed at once
 * @param maxConcurrentReplays history reads of resuming subscriptions running at once on this
 * node, the others waiting their turn in order; -1 for no limit
 * @param joinLeave which rooms send join and leave to their members
 * @param nodeHeartbeat how often the node records itself, with its number of connections, in
 * presence, where every node sees it
 */
public record HubSettings(int subscriberBuffer, int maxReplay, long replayBytesPerSecond, long replayBurstBytes,
		int maxConcurrentReplays, JoinLeaveEvents joinLeave, Duration nodeHeartbeat) {

	/**
	 * Defaults for tests and small setups: 1024 publications of buffer and replay, 1 MB a second
	 * of replay with 4 MB at once, 64 replays at once, no join or leave, a node heartbeat every
	 * 10 seconds.
	 */
	public static HubSettings defaults() {
		return new HubSettings(1024, 1024, 1 << 20, 4 << 20, 64, JoinLeaveEvents.none(), Duration.ofSeconds(10));
	}

}
