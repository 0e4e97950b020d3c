package dev.realtime.samples.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Per-user notifications: {@code POST /notify/{user}} sends one through
 * {@code RealtimeHub.sendToUser}, and every page that user has open receives it in their
 * personal room {@code user:{id}}, over Server-Sent Events with the starter's JavaScript client.
 * Who is who comes from a token ({@link DemoTokenAuthenticator}).
 */
@SpringBootApplication
public class NotificationsApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationsApplication.class, args);
	}

}
