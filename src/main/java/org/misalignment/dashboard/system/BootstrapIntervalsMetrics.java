package org.misalignment.dashboard.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.misalignment.dashboard.rates.Intervals;

import org.springframework.stereotype.Component;

/**
 * The bootstrap intervals {@link Intervals} keeps, registered with the metrics as the
 * cache {@code bootstrap-intervals}: the rates package is plain Java and registers
 * nothing itself.
 */
@Component
class BootstrapIntervalsMetrics implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, Intervals.bootstrappedIntervals(), "bootstrap-intervals");
	}

}
