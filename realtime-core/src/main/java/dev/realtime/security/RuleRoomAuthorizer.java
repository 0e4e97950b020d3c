package dev.realtime.security;

import java.util.List;

import dev.realtime.RealtimePrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link RoomAuthorizer}: the personal-room rule of {@link UserRoomAuthorizer}
 * first, which no rule can loosen; then the first {@link RoomRule} whose pattern matches the
 * room decides; a room that no rule matches is open to anyone.
 */
public final class RuleRoomAuthorizer implements RoomAuthorizer {

	private final UserRoomAuthorizer personalRooms = new UserRoomAuthorizer();

	private final List<RoomRule> rules;

	public RuleRoomAuthorizer(List<RoomRule> rules) {
		this.rules = List.copyOf(rules);
	}

	@Override
	public boolean canSubscribe(RealtimePrincipal principal, String room) {
		if (!this.personalRooms.canSubscribe(principal, room)) {
			return false;
		}
		RoomRule rule = ruleFor(room);
		return rule == null || rule.subscribe().allows(principal);
	}

	@Override
	public boolean canPublish(RealtimePrincipal principal, String room) {
		if (!this.personalRooms.canPublish(principal, room)) {
			return false;
		}
		RoomRule rule = ruleFor(room);
		return rule == null || rule.publish().allows(principal);
	}

	private @Nullable RoomRule ruleFor(String room) {
		for (RoomRule rule : this.rules) {
			if (rule.pattern().matches(room)) {
				return rule;
			}
		}
		return null;
	}

}
