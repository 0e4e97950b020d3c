package dev.realtime.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.realtime.CloseCodes;
import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.hub.DefaultRealtimeHub;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the application when event loops are gone or stuck, as after an
 * {@link OutOfMemoryError}: a connection's close runs on its event loop, so it is refused by a
 * terminated loop and never runs on a stuck one.
 */
class RealtimeShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class))
		.withPropertyValues("realtime.shutdown.timeout=1s");

	private final EventLoop terminated = new DefaultEventLoop();

	private final EventLoop stuck = new DefaultEventLoop();

	private final EventLoop healthy = new DefaultEventLoop();

	private final CountDownLatch unstick = new CountDownLatch(1);

	private final ExecutorService closer = Executors.newSingleThreadExecutor();

	@AfterEach
	void releaseTheLoops() {
		this.unstick.countDown();
		this.stuck.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		this.healthy.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		this.closer.shutdownNow();
	}

	@Test
	void theContextClosesWithinTheShutdownTimeoutWhenEventLoopsAreTerminatedOrStuck() throws Exception {
		this.terminated.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
		this.stuck.execute(() -> awaitUninterruptibly(this.unstick));
		this.contextRunner.run((context) -> {
			DefaultRealtimeHub hub = context.getBean(DefaultRealtimeHub.class);
			LoopConnection onTerminatedLoop = new LoopConnection(this.terminated);
			LoopConnection onStuckLoop = new LoopConnection(this.stuck);
			LoopConnection onHealthyLoop = new LoopConnection(this.healthy);
			hub.register(onTerminatedLoop);
			hub.register(onStuckLoop);
			hub.register(onHealthyLoop);
			long start = System.nanoTime();
			Future<?> closing = this.closer.submit(context::close);
			// Stopping waits the timeout for the stuck loop, then nothing else may wait at all.
			closing.get(1000 + 2000, TimeUnit.MILLISECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(onHealthyLoop.closedWith).isEqualTo(CloseCodes.GOING_AWAY);
			assertThat(onStuckLoop.closedWith).isZero();
			assertThat(onTerminatedLoop.closedWith).isZero();
		});
	}

	@Test
	void theContextClosesAtOnceWhenEveryConnectionClosesInTime() throws Exception {
		this.contextRunner.run((context) -> {
			LoopConnection connection = new LoopConnection(this.healthy);
			context.getBean(DefaultRealtimeHub.class).register(connection);
			long start = System.nanoTime();
			this.closer.submit(context::close).get(3, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
			assertThat(connection.closedWith).isEqualTo(CloseCodes.GOING_AWAY);
		});
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		for (;;) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A connection that closes on its lane, as the WebSocket and SSE connections do: its close
	 * completes only once its event loop ran the close.
	 */
	static final class LoopConnection extends AbstractConnection {

		private final Sinks.Empty<Void> closed = Sinks.empty();

		volatile int closedWith;

		LoopConnection(EventLoop loop) {
			super(RealtimePrincipal.anonymous(), loop, (publication) -> Unpooled.EMPTY_BUFFER);
		}

		@Override
		public String transport() {
			return "test";
		}

		@Override
		public boolean isOpen() {
			return this.closedWith == 0;
		}

		@Override
		public Mono<Void> close(int code, String reason) {
			execute(() -> {
				this.closedWith = code;
				this.closed.tryEmitEmpty();
			});
			return this.closed.asMono();
		}

		@Override
		protected void heartbeat() {
		}

		@Override
		public long pendingBytes() {
			return 0;
		}

		@Override
		protected boolean write(ByteBuf frame, @Nullable Publication publication) {
			frame.release();
			return false;
		}

		@Override
		protected ByteBuf textFrame(String text) {
			return Unpooled.EMPTY_BUFFER;
		}

		@Override
		protected void flush() {
		}

	}

}
