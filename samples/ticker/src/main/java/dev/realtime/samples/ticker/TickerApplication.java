package dev.realtime.samples.ticker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.sse.RealtimeSseEndpoint;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A live stock ticker: prices are published to the room {@code ticker} twice a second, and the
 * page in {@code static/index.html} shows them through the browser's {@code EventSource} on the
 * starter's SSE endpoint, {@code /realtime/sse?room=ticker}; {@code /prices} streams them from a
 * controller.
 */
@SpringBootApplication
@RestController
public class TickerApplication {

	static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA");

	private final RealtimeSseEndpoint sse;

	public TickerApplication(RealtimeSseEndpoint sse) {
		this.sse = sse;
	}

	public static void main(String[] args) {
		SpringApplication.run(TickerApplication.class, args);
	}

	/**
	 * The same prices from a controller of one's own, the seeds' stock-ticker in one line: the
	 * starter's stream, resumable with {@code Last-Event-ID}, guarded like its endpoint.
	 */
	@GetMapping("/prices")
	Mono<Void> prices(ServerWebExchange exchange) {
		return this.sse.stream(exchange, "ticker");
	}

	@Bean
	SmartLifecycle priceFeed(RealtimeHub hub) {
		return new SmartLifecycle() {

			private Disposable feed;

			@Override
			public void start() {
				this.feed = Flux.interval(Duration.ofMillis(500))
					.concatMap((tick) -> hub.publish("ticker", Event.update(nextPrice())))
					.subscribe();
			}

			@Override
			public void stop() {
				this.feed.dispose();
			}

			@Override
			public boolean isRunning() {
				return this.feed != null && !this.feed.isDisposed();
			}

		};
	}

	private static Map<String, Object> nextPrice() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
		return Map.of("symbol", symbol, "price", Math.round(random.nextDouble(10, 500) * 100) / 100.0);
	}

}
