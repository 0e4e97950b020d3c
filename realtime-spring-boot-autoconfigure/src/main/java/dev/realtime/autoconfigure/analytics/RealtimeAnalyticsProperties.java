package dev.realtime.autoconfigure.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of live analytics, under {@code realtime.analytics.*}.
 */
@ConfigurationProperties("realtime.analytics")
public class RealtimeAnalyticsProperties {

	/**
	 * Whether to enable live analytics.
	 */
	private boolean enabled;

	/**
	 * How long a visitor counts as active after it was last seen.
	 */
	private Duration activeWindow = Duration.ofMinutes(5);

	/**
	 * Most event types counted apart in a day; events of further types count as 'other'.
	 */
	private int maxEventTypes = 100;

	/**
	 * Time between snapshots of the live metrics, which the gauges show and the room receives.
	 */
	private Duration publishInterval = Duration.ofSeconds(2);

	/**
	 * Room the snapshots are published to, for live dashboards; empty to publish none. No
	 * client may publish there.
	 */
	private String room = "analytics:live";

	private final Tracking tracking = new Tracking();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getActiveWindow() {
		return this.activeWindow;
	}

	public void setActiveWindow(Duration activeWindow) {
		this.activeWindow = activeWindow;
	}

	public int getMaxEventTypes() {
		return this.maxEventTypes;
	}

	public void setMaxEventTypes(int maxEventTypes) {
		this.maxEventTypes = maxEventTypes;
	}

	public Duration getPublishInterval() {
		return this.publishInterval;
	}

	public void setPublishInterval(Duration publishInterval) {
		this.publishInterval = publishInterval;
	}

	public String getRoom() {
		return this.room;
	}

	public void setRoom(String room) {
		this.room = room;
	}

	public Tracking getTracking() {
		return this.tracking;
	}

	public static class Tracking {

		/**
		 * Whether to take events over HTTP, with a POST to the path.
		 */
		private boolean enabled;

		/**
		 * Path of the HTTP tracking endpoint.
		 */
		private String path = "/realtime/analytics/events";

		/**
		 * Largest body of an event taken over HTTP; larger ones are refused with 413.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(4);

		/**
		 * Events a client address may send per second on average; 0 for no limit. Beyond it, 429.
		 */
		private int eventsPerSecondPerAddress = 20;

		/**
		 * Events a client address may send at once beyond its rate.
		 */
		private int eventBurstPerAddress = 40;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public int getEventsPerSecondPerAddress() {
			return this.eventsPerSecondPerAddress;
		}

		public void setEventsPerSecondPerAddress(int eventsPerSecondPerAddress) {
			this.eventsPerSecondPerAddress = eventsPerSecondPerAddress;
		}

		public int getEventBurstPerAddress() {
			return this.eventBurstPerAddress;
		}

		public void setEventBurstPerAddress(int eventBurstPerAddress) {
			this.eventBurstPerAddress = eventBurstPerAddress;
		}

	}

}
