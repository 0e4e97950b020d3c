package dev.realtime.presence;

import java.util.Map;

import dev.realtime.ClientInfo;
import dev.realtime.PresenceStats;
import reactor.core.publisher.Mono;

/**
 * Who is in each room: one entry per connection, on every node. Every backend passes
 * {@code PresenceStoreContractTests}.
 * <p>
 * A store shared by several nodes keeps entries only as long as their node refreshes them, so
 * that the entries of a node that died vanish by themselves; adding an entry again refreshes it.
 */
public interface PresenceStore {

	/** Records that {@code client} is in {@code room}, or refreshes it. */
	Mono<Void> add(String room, ClientInfo client);

	/** Records that connection {@code connectionId} left {@code room}. */
	Mono<Void> remove(String room, String connectionId);

	/** Who is in {@code room}, by connection id. */
	Mono<Map<String, ClientInfo>> presence(String room);

	/** How many connections and distinct users are in {@code room}. */
	Mono<PresenceStats> stats(String room);

}
