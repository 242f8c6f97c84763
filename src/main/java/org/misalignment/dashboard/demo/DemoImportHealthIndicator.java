package org.misalignment.dashboard.demo;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code demoImport}, part of the readiness group
 * ({@code management.endpoint.health.group.readiness.include}): out of service while the
 * demo dataset imports in the background, so that a load balancer sends no visitor to an
 * instance whose pages only say how far it is; up otherwise. A failed import is up too,
 * with the reason as a detail: the site then runs without the demo (the log says why),
 * and saying "not ready" for ever would help nobody.
 */
@Component
class DemoImportHealthIndicator implements HealthIndicator {

	private final DemoImportState state;

	DemoImportHealthIndicator(DemoImportState state) {
		this.state = state;
	}

	@Override
	public Health health() {
		DemoImportState.Progress progress = this.state.whileRunning();
		if (progress != null) {
			return Health.outOfService()
				.withDetail("percent", progress.percent())
				.withDetail("answers", progress.answers())
				.build();
		}
		if (this.state.phase() == DemoImportState.Phase.FAILED) {
			return Health.up().withDetail("failed", this.state.failure()).build();
		}
		return Health.up().build();
	}

}
