package dev.realtime.samples.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The latest messages of every room, in memory on this node: where a real application would
 * keep them in its database. Bounded: the oldest go first.
 */
@Component
class ChatArchive {

	/** Messages kept, over all rooms. */
	static final int CAPACITY = 1000;

	private final Deque<Entry> entries = new ArrayDeque<>();

	synchronized void add(String room, @Nullable String from, String text) {
		if (this.entries.size() == CAPACITY) {
			this.entries.removeFirst();
		}
		this.entries.addLast(new Entry(room, (from != null) ? from : "anonymous", text, System.currentTimeMillis()));
	}

	/** At most {@code limit} messages of {@code room} whose text contains {@code query}, newest first. */
	synchronized List<Entry> search(String room, String query, int limit) {
		String needle = query.toLowerCase(Locale.ROOT);
		List<Entry> found = new ArrayList<>();
		for (Iterator<Entry> newest = this.entries.descendingIterator(); newest.hasNext() && found.size() < limit;) {
			Entry entry = newest.next();
			if (entry.room().equals(room) && entry.text().toLowerCase(Locale.ROOT).contains(needle)) {
				found.add(entry);
			}
		}
		return found;
	}

	/** A kept message. */
	record Entry(String room, String from, String text, long ts) {
	}

}
