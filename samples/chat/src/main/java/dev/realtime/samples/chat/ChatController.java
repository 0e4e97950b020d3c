package dev.realtime.samples.chat;

import java.util.List;

import dev.realtime.RealtimePrincipal;
import dev.realtime.annotation.OnPublish;
import dev.realtime.annotation.OnRpc;
import dev.realtime.annotation.RealtimeController;
import dev.realtime.annotation.RoomName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The chat's server logic, one annotated method per concern: every message is tidied and kept
 * before anyone receives it, and the page searches what was kept with an {@code rpc}.
 */
@RealtimeController
class ChatController {

	/** Longest message text, in characters; longer ones are cut there. */
	static final int MAX_TEXT = 500;

	private final ChatArchive archive;

	ChatController(ChatArchive archive) {
		this.archive = archive;
	}

	/**
	 * Runs before a message is published in any room: a message without text is refused with
	 * {@code bad_request}; the text is trimmed and cut at {@link #MAX_TEXT}, then kept, and what
	 * is published is the tidied message.
	 */
	@OnPublish("*")
	ChatMessage tidy(@Valid ChatMessage message, @RoomName String room, RealtimePrincipal author) {
		String text = message.text().strip();
		if (text.codePointCount(0, text.length()) > MAX_TEXT) {
			text = text.substring(0, text.offsetByCodePoints(0, MAX_TEXT)) + "…";
		}
		this.archive.add(room, author.userId(), text);
		return new ChatMessage(text);
	}

	/** The latest kept messages of a room whose text contains the query, newest first. */
	@OnRpc("chat.search")
	List<ChatArchive.Entry> search(@Valid SearchRequest request) {
		return this.archive.search(request.room(), request.query(), 20);
	}

	/** What a client publishes. */
	record ChatMessage(@NotBlank String text) {
	}

	/** What a client searches for: text in a room, ignoring case. */
	record SearchRequest(@NotBlank String room, @NotBlank @Size(min = 2, max = 100) String query) {
	}

}
