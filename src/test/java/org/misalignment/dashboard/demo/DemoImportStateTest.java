package org.misalignment.dashboard.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What readiness and the pages hear of the demo import: out of service with its progress
 * while it runs, never 100% before it has committed, and up again (the pages back to
 * normal) after a failure, with the reason, rather than "importing" for ever.
 */
class DemoImportStateTest {

	private final DemoImportState state = new DemoImportState();

	private final DemoImportHealthIndicator health = new DemoImportHealthIndicator(this.state);

	@Test
	void upWhenThereIsNothingToImport() {
		assertThat(this.state.whileRunning()).isNull();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void outOfServiceWithItsProgressWhileItRuns() {
		this.state.running();
		this.state.progress(45_000, 100_000, 33_000);
		assertThat(this.state.whileRunning().sentence()).isEqualTo("Importing the demo dataset: 45% (33,000 answers)");
		Health running = this.health.health();
		assertThat(running.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(running.getDetails()).containsEntry("percent", 45).containsEntry("answers", 33_000L);

		// every byte read, but not committed yet
		this.state.progress(100_000, 100_000, 73_500);
		assertThat(this.state.whileRunning().percent()).isEqualTo(99);

		this.state.done();
		assertThat(this.state.whileRunning()).isNull();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aFailedImportLeavesTheSiteReadyAndSaysWhy() {
		this.state.running();
		this.state.progress(10, 100, 7_500);
		this.state.failed("Could not import the demo dataset: No space left on device");
		assertThat(this.state.whileRunning()).isNull();
		Health failed = this.health.health();
		assertThat(failed.getStatus()).isEqualTo(Status.UP);
		assertThat(failed.getDetails()).containsEntry("failed",
				"Could not import the demo dataset: No space left on device");
	}

}
