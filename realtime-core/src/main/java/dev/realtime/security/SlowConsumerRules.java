package dev.realtime.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@link SlowConsumerPolicy} of each room: the first rule whose pattern matches the room's
 * name, else the default. Frames outside any room (replies, errors, direct sends, broadcasts)
 * follow the default, unless frames of the client's rooms are held back already: they then wait
 * with those, as under {@code drop-oldest}. Consulted only once a client is behind, never on the
 * fast path.
 */
public final class SlowConsumerRules {

	private final SlowConsumerPolicy defaultPolicy;

	private final List<Rule> rules;

	public SlowConsumerRules(SlowConsumerPolicy defaultPolicy, List<Rule> rules) {
		this.defaultPolicy = defaultPolicy;
		this.rules = List.copyOf(rules);
	}

	/** Whether some frames may be held back rather than disconnect their client. */
	public boolean holdsBack() {
		return this.defaultPolicy != SlowConsumerPolicy.DISCONNECT
				|| this.rules.stream().anyMatch((rule) -> rule.policy() != SlowConsumerPolicy.DISCONNECT);
	}

	/** The policy for frames of {@code room}, {@code null} for frames outside rooms. */
	public SlowConsumerPolicy policyFor(@Nullable String room) {
		if (room != null) {
			for (Rule rule : this.rules) {
				if (rule.pattern().matches(room)) {
					return rule.policy();
				}
			}
		}
		return this.defaultPolicy;
	}

	/**
	 * The policy of the rooms whose names match {@code pattern}.
	 *
	 * @param pattern the rooms it applies to
	 * @param policy what happens to their frames for slow clients
	 */
	public record Rule(RoomPattern pattern, SlowConsumerPolicy policy) {

	}

}
