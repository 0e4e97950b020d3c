package dev.realtime.hub;

import java.util.ArrayList;
import java.util.List;

import dev.realtime.EncodedEvent;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Replay;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayBudgetTests {

	@Test
	void aReplayWithinTheBurstIsWholeAndSpendsIt() {
		ReplayBudget budget = new ReplayBudget(1, 10_000);
		Replay replay = replay(5, 1000);
		assertThat(budget.spend(replay)).isSameAs(replay);
		Replay again = budget.spend(replay(5, 1000));
		assertThat(again.recovered()).isFalse();
		assertThat(again.publications()).isNotEmpty().hasSizeLessThan(5);
	}

	@Test
	void aReplayOverTheBudgetKeepsTheNewestAndIsNotRecovered() {
		ReplayBudget budget = new ReplayBudget(1, 3_500);
		Replay cut = budget.spend(replay(10, 1000));
		assertThat(cut.recovered()).isFalse();
		assertThat(cut.publications()).extracting(Publication::offset).containsExactly(8L, 9L, 10L);
		assertThat(cut.position()).isEqualTo(new StreamPosition(10, "e"));
	}

	@Test
	void theBudgetRefillsAtItsRate() throws InterruptedException {
		ReplayBudget budget = new ReplayBudget(1_000_000, 5_000);
		budget.spend(replay(4, 1000));
		Thread.sleep(20);
		assertThat(budget.spend(replay(4, 1000)).recovered()).isTrue();
	}

	private static Replay replay(int count, int size) {
		List<Publication> publications = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			// The event's JSON is the payload plus some 40 bytes of event, data, ts.
			publications.add(new Publication("r", i, "e",
					EncodedEvent.of(Event.message("x".repeat(size - 40)), JsonMapper.shared())));
		}
		return new Replay(publications, true, new StreamPosition(count, "e"));
	}

}
