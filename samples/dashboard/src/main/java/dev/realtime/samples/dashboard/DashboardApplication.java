package dev.realtime.samples.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A live analytics dashboard: {@link TrafficGenerator} makes up visitors who view pages, click
 * and sign up, counted by the starter's {@code LiveAnalytics}; a snapshot of the numbers reaches
 * the room {@code analytics:live} every second, and the page in {@code static/index.html} charts
 * them through the starter's JavaScript client. The page also reports its own view over HTTP.
 * The same numbers are gauges on {@code /actuator/prometheus}.
 */
@SpringBootApplication
public class DashboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(DashboardApplication.class, args);
	}

}
