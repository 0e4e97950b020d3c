package dev.realtime.samples.notifications;

import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.Notification;
import dev.realtime.inbox.NotificationInbox;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Sends a notification to a user's inbox, which every open page of theirs hears of at once and
 * any page opened later finds there. Anyone may call it in this demo; a real application secures
 * it like any other endpoint.
 */
@RestController
class NotifyController {

	private final NotificationInbox inbox;

	NotifyController(NotificationInbox inbox) {
		this.inbox = inbox;
	}

	/**
	 * Sends {@code notification} to {@code user}, also when they have no page open: their inbox
	 * keeps it until it is evicted ({@code realtime.notifications.*}).
	 * @return the notification as stored, with its id
	 */
	@PostMapping("/notify/{user:[\\w-]{1,32}}")
	Mono<Notification> notify(@PathVariable String user, @RequestBody Request notification) {
		if (notification.title() == null || notification.title().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a notification needs a title");
		}
		return this.inbox.send(user, NewNotification.of(notification.title(), notification.text()));
	}

	/**
	 * What a caller sends; pages receive it as a notification with this title and body.
	 * @param title what the notification says, in a few words
	 * @param text more about it, if anything
	 */
	record Request(@Nullable String title, @Nullable String text) {

	}

}
