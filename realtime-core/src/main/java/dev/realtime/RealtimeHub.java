package dev.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facade applications inject to reach connected clients and to use the pub/sub bus.
 * <p>
 * Every operation is non-blocking. Publications to one room reach each subscriber exactly once
 * and in offset order, whichever threads publish.
 */
public interface RealtimeHub {

	/** Publishes {@code event} to every member of {@code room}, on every node. */
	Mono<Publication> publish(String room, Event event);

	/** Sends {@code event} to every connection, on every node. */
	Mono<Void> broadcast(Event event);

	/**
	 * Sends {@code event} to every connection of {@code userId}: all their devices, on every
	 * node. The user's connections receive it in their personal room {@code user:{userId}}.
	 */
	Mono<Publication> sendToUser(String userId, Event event);

	/**
	 * Sends {@code event} to one connection, on whichever node it is connected; nothing happens
	 * when it is connected nowhere.
	 */
	Mono<Void> sendToConnection(String connectionId, Event event);

	/** Makes connection {@code connectionId} a member of {@code room}. */
	Mono<Void> join(String connectionId, String room);

	/** Removes connection {@code connectionId} from {@code room}. */
	Mono<Void> leave(String connectionId, String room);

	/**
	 * Who is in {@code room}, on every node: one entry per connection. Presence follows room
	 * membership: a connection is present from its subscription until it leaves or closes.
	 */
	Mono<List<ClientInfo>> presence(String room);

	/** How many connections and distinct users are in {@code room}, on every node. */
	Mono<PresenceStats> presenceStats(String room);

	/** A handle on {@code room}, whether or not it has members. */
	Room room(String name);

	/** Names of the rooms with members on this node. */
	Set<String> rooms();

	/** Ids of the users with at least one connection on this node. */
	Set<String> onlineUsers();

	/** Ids of the users with at least one connection, on every node. */
	Mono<Set<String>> allOnlineUsers();

	/** Whether {@code userId} has at least one connection, on any node. */
	Mono<Boolean> isOnline(String userId);

	/**
	 * The nodes sharing this hub's broker and presence, this one included: each node's id as
	 * {@link ClientInfo#connectionId()}, and in its info its {@code connections} and the time of
	 * its last {@code heartbeat}.
	 */
	Mono<List<ClientInfo>> nodes();

	/** Connections of this node. */
	Collection<Connection> connections();

	/** The connection {@code connectionId}, if it is connected to this node. */
	Optional<Connection> connection(String connectionId);

	/**
	 * Closes connection {@code connectionId} with {@code code}, on whichever node it is
	 * connected.
	 */
	Mono<Void> disconnect(String connectionId, int code, String reason);

	/**
	 * Closes every connection of user {@code userId} with {@code code}, on every node: a logout
	 * or a ban. Completes once every node has been told.
	 */
	Mono<Void> disconnectUser(String userId, int code, String reason);

	/**
	 * Server-side subscription to {@code topic} (a room name): every publication from now on, in
	 * offset order, from every node. A subscriber that falls more than the configured buffer
	 * behind fails with an overflow error rather than silently missing publications.
	 */
	Flux<Publication> subscribe(String topic);

}
