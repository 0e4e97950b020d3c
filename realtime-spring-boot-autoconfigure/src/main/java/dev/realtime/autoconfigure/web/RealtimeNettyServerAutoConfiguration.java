package dev.realtime.autoconfigure.web;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.OpenConnectionLimit;
import dev.realtime.security.RequestHeadTimeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.http.server.HttpServer;

/**
 * Auto-configuration of what guards the whole Reactor Netty server before any request reaches
 * WebFlux: the {@link OpenConnectionLimit} and the {@link RequestHeadTimeout}. A realtime
 * endpoint draws clients that stay connected for hours, and attackers that do not bother to
 * finish their requests; both hold sockets that no handshake limit sees.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
@ConditionalOnBean(LimitCounters.class)
public final class RealtimeNettyServerAutoConfiguration {

	/** Open files kept for everything but client connections: jars, logs, pools, pipes. */
	private static final double OPEN_FILES_FOR_CONNECTIONS = 0.9;

	@Bean
	@ConditionalOnMissingBean
	OpenConnectionLimit realtimeOpenConnectionLimit(RealtimeProperties properties, LimitCounters counters) {
		return new OpenConnectionLimit(maxOpenConnections(properties.getLimits()), counters);
	}

	@Bean
	@ConditionalOnMissingBean(name = "realtimeNettyServerCustomizer")
	NettyServerCustomizer realtimeNettyServerCustomizer(OpenConnectionLimit openConnections, LimitCounters counters,
			RealtimeProperties properties) {
		RealtimeProperties.Limits limits = properties.getLimits();
		return new RealtimeNettyServerCustomizer(openConnections, limits.getRequestHeadTimeout(),
				limits.getKeepAliveTimeout(), counters);
	}

	/** As configured, else 90% of the process's open-file limit, else no limit. */
	static int maxOpenConnections(RealtimeProperties.Limits limits) {
		Integer configured = limits.getMaxOpenConnections();
		if (configured != null) {
			return configured;
		}
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
			return (int) Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount() * OPEN_FILES_FOR_CONNECTIONS);
		}
		return -1;
	}

}
