package dev.realtime.inbox;

import java.util.List;

/**
 * What marking notifications as read did: every device of the user is told with it.
 *
 * @param ids the notifications it marked, which were unread before; empty when it changed nothing
 * @param unread how many of the user's notifications were unread right after it
 */
public record ReadMark(List<String> ids, long unread) {

	public ReadMark {
		ids = List.copyOf(ids);
	}

}
