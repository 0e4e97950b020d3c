package dev.realtime.samples.notifications;

import java.util.Map;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Sends a notification to every open page of a user. Anyone may call it in this demo; a real
 * application secures it like any other endpoint.
 */
@RestController
class NotifyController {

	private final RealtimeHub hub;

	NotifyController(RealtimeHub hub) {
		this.hub = hub;
	}

	/**
	 * Sends {@code notification} to {@code user}, also when they have no page open: the room's
	 * history keeps it for a page that resumes.
	 * @return where it was placed: the user's room, its offset and epoch
	 */
	@PostMapping("/notify/{user:[\\w-]{1,32}}")
	Mono<Map<String, Object>> notify(@PathVariable String user, @RequestBody Notification notification) {
		if (notification.title() == null || notification.title().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a notification needs a title");
		}
		return this.hub.sendToUser(user, Event.notification(notification.title(), notification.text()))
			.map((publication) -> Map.of("room", UserRoomAuthorizer.userRoom(user), "offset", publication.offset(),
					"epoch", publication.epoch()));
	}

	/**
	 * What a caller sends; pages receive {@code {"title": ..., "data": text}}.
	 * @param title what the notification says, in a few words
	 * @param text more about it, if anything
	 */
	record Notification(@Nullable String title, @Nullable String text) {

	}

}
