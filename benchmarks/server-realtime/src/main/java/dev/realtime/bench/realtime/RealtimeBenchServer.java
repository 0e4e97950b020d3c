package dev.realtime.bench.realtime;

import dev.realtime.RealtimeHub;
import dev.realtime.bench.common.ControlServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Server under test: a plain Boot app with the realtime starter and nothing else, as a user
 * would write it. Clients speak the built-in protocol at {@code /realtime/ws}; a publisher thread
 * driven through the {@link ControlServer} publishes to rooms with {@link RealtimeHub#publish}.
 * <p>
 * {@code --bench.control-port=N} chooses the control port.
 */
@SpringBootApplication
public class RealtimeBenchServer {

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(RealtimeBenchServer.class, args);
		int controlPort = context.getEnvironment().getRequiredProperty("bench.control-port", Integer.class);
		ControlServer.start(new HubServerUnderTest(context.getBean(RealtimeHub.class)), controlPort);
	}

}
