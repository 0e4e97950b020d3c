package dev.realtime.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayQueueTests {

	@Test
	void runsAtMostMaxReadsAtOnceAndTheOthersInTheOrderTheyCame() {
		ReplayQueue queue = new ReplayQueue(2);
		List<Sinks.One<Integer>> reads = new ArrayList<>();
		List<Integer> started = new CopyOnWriteArrayList<>();
		List<Integer> results = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 5; i++) {
			int n = i;
			Sinks.One<Integer> read = Sinks.one();
			reads.add(read);
			queue.run(read.asMono().doOnSubscribe((s) -> started.add(n))).subscribe(results::add);
		}
		assertThat(started).containsExactly(0, 1);
		assertThat(queue.waiting()).isEqualTo(3);
		reads.get(1).tryEmitValue(1);
		assertThat(started).containsExactly(0, 1, 2);
		reads.get(0).tryEmitError(new IllegalStateException("broker down"));
		assertThat(started).containsExactly(0, 1, 2, 3);
		reads.get(2).tryEmitEmpty();
		assertThat(started).containsExactly(0, 1, 2, 3, 4);
		assertThat(queue.waiting()).isZero();
		reads.get(3).tryEmitValue(3);
		reads.get(4).tryEmitValue(4);
		assertThat(results).containsExactly(1, 3, 4);
	}

	@Test
	void aSubscriptionCancelledWhileWaitingNeverReadsAndOneCancelledWhileReadingGivesItsPlaceBack() {
		ReplayQueue queue = new ReplayQueue(1);
		AtomicInteger reads = new AtomicInteger();
		Disposable running = queue.run(Mono.never().doOnSubscribe((s) -> reads.incrementAndGet())).subscribe();
		Disposable waiting = queue.run(Mono.just(1).doOnSubscribe((s) -> reads.incrementAndGet())).subscribe();
		List<Integer> last = new CopyOnWriteArrayList<>();
		queue.run(Mono.just(2).doOnSubscribe((s) -> reads.incrementAndGet())).subscribe(last::add);
		assertThat(queue.waiting()).isEqualTo(2);
		waiting.dispose();
		assertThat(queue.waiting()).isEqualTo(1);
		running.dispose();
		assertThat(last).containsExactly(2);
		assertThat(reads).hasValue(2);
	}

	@Test
	void readsThatCompleteAtOnceDrainALongQueueWithoutRecursion() {
		ReplayQueue queue = new ReplayQueue(1);
		Sinks.One<Integer> first = Sinks.one();
		AtomicInteger done = new AtomicInteger();
		queue.run(first.asMono()).subscribe();
		for (int i = 0; i < 100_000; i++) {
			queue.run(Mono.just(i)).subscribe((value) -> done.incrementAndGet());
		}
		first.tryEmitValue(0);
		assertThat(done).hasValue(100_000);
		assertThat(queue.waiting()).isZero();
	}

	@Test
	void withoutALimitEveryReadRunsAtOnce() {
		ReplayQueue queue = new ReplayQueue(-1);
		List<Integer> results = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			queue.run(Mono.just(i).delayElement(Duration.ofMillis(10))).subscribe(results::add);
		}
		assertThat(queue.waiting()).isZero();
		Mono.delay(Duration.ofMillis(200)).block();
		assertThat(results).containsExactlyInAnyOrder(0, 1, 2);
	}

}
