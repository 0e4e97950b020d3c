package dev.realtime;

/**
 * How the connections of an application's own endpoint receive publications, broadcasts and
 * {@link Connection#send} events, as text frames in the endpoint's own protocol. Called once per
 * publication per node, whatever the number of receivers: it must not depend on the receiver.
 */
@FunctionalInterface
public interface PublicationFormat {

	/** The text frame that carries {@code publication}. */
	String format(Publication publication);

}
