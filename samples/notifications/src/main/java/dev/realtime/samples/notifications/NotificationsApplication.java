package dev.realtime.samples.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Per-user notifications with an inbox: {@code POST /notify/{user}} stores one in the user's
 * {@code NotificationInbox}, every page that user has open hears of it at once in their personal
 * room {@code user:{id}}, and a page opened later finds it among the unread ones. A bell counts
 * them; reading on one page clears them on the others. Who is who comes from a token
 * ({@link DemoTokenAuthenticator}).
 */
@SpringBootApplication
public class NotificationsApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationsApplication.class, args);
	}

}
