package org.misalignment.dashboard.store.imports;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the web application: removes the staged datasets of imports that were killed
 * ({@link StagedImports}), once it has started and then every {@link #EVERY} (a look at
 * one table), on a thread of its own, so that neither start-up nor requests wait for it.
 * Readers never see those datasets; this only gives their disk back. Web imports whose
 * instance stopped are marked failed at the same time
 * ({@link ImportJobRows#failSilent()}), and the answers' indexes that a killed import set
 * aside are built again, once no new dataset is being imported ({@link SetAsideIndexes}).
 */
@Component
@ConditionalOnWebApplication
class AbandonedImports implements DisposableBean {

	/**
	 * How often it looks: a staged dataset is abandoned this long after its last sign of
	 * life.
	 */
	static final Duration EVERY = StagedImports.ABANDONED_AFTER;

	private static final Logger log = LoggerFactory.getLogger(AbandonedImports.class);

	private final StagedImports staging;

	private final ImportJobRows jobs;

	private final ImportStore store;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread removing = new Thread(task, "abandoned-imports");
		removing.setDaemon(true);
		return removing;
	});

	AbandonedImports(StagedImports staging, ImportJobRows jobs, ImportStore store) {
		this.staging = staging;
		this.jobs = jobs;
		this.store = store;
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		this.thread.scheduleWithFixedDelay(this::removeAbandoned, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void removeAbandoned() {
		try {
			int failed = this.jobs.failSilent();
			if (failed > 0) {
				log.warn("Marked {} web import(s) failed: their instance stopped before they ended", failed);
			}
			this.staging.removeAbandoned();
			if (this.store.restoreIndexes()) {
				log.warn("Built the answers' indexes again that an import killed while it wrote a new dataset had "
						+ "set aside");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the unfinished imports: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.thread.shutdownNow();
	}

}
