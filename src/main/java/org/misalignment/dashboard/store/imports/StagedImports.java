package org.misalignment.dashboard.store.imports;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * New datasets while they are imported: status {@code importing} and hidden, so no reader
 * sees them, written in several transactions (see {@link ImportTransaction}), with a sign
 * of life ({@code import_beat}) every {@link #BEAT} from the importer. A staged dataset
 * whose importer has given none for {@link #ABANDONED_AFTER} was killed or lost its
 * database; it is removed here, in many short transactions, so that removing a million
 * answers costs no more disk than writing them did.
 */
@Component
public class StagedImports {

	/** How often a running import shows it is alive. */
	static final Duration BEAT = Duration.ofSeconds(5);

	/** How long without a sign of life before an import counts as abandoned. */
	public static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);

	/** Answers removed per transaction (with their scores and flags). */
	static final int REMOVED_PER_TRANSACTION = 5000;

	private static final Logger log = LoggerFactory.getLogger(StagedImports.class);

	private final JdbcClient jdbc;

	public StagedImports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A staged dataset, with its importer's last sign of life and whether it is
	 * abandoned, both on the database's clock (instances whose clocks differ agree on
	 * them).
	 */
	public record Staged(long id, String slug, Instant beat, boolean abandoned) {

	}

	/**
	 * The columns of a {@link Staged}, its abandonment judged by the database's clock.
	 */
	private static final String STAGED = "SELECT id, slug, import_beat, CASE WHEN import_beat IS NULL OR import_beat < "
			+ "CURRENT_TIMESTAMP - INTERVAL '" + ABANDONED_AFTER.toSeconds() + "' SECOND THEN TRUE ELSE FALSE END "
			+ "FROM dataset WHERE status = 'importing'";

	/** The staged dataset with this slug, if one is being imported (or was abandoned). */
	Optional<Staged> find(String slug) {
		return this.jdbc.sql(STAGED + " AND slug = ?")
			.param(slug)
			.query((row, n) -> staged(row.getLong(1), row.getString(2), row.getTimestamp(3), row.getBoolean(4)))
			.optional();
	}

	/**
	 * Staged datasets whose importer has given no sign of life for
	 * {@link #ABANDONED_AFTER}.
	 */
	public List<Staged> abandoned() {
		return this.jdbc.sql(STAGED + " ORDER BY id")
			.query((row, n) -> staged(row.getLong(1), row.getString(2), row.getTimestamp(3), row.getBoolean(4)))
			.list()
			.stream()
			.filter(Staged::abandoned)
			.toList();
	}

	/** Whether a staged dataset's importer has given a sign of life lately. */
	public boolean anyRunning() {
		return this.jdbc.sql(STAGED)
			.query((row, n) -> row.getBoolean(4))
			.list()
			.stream()
			.anyMatch((abandoned) -> !abandoned);
	}

	/**
	 * Removes every abandoned staged dataset; returns how many answers went with them.
	 */
	public long removeAbandoned() {
		long answers = 0;
		for (Staged staged : abandoned()) {
			log.info("Removing the unfinished import of dataset '{}' (no sign of life since {})", staged.slug(),
					staged.beat());
			answers += remove(staged.id(), (removed) -> {
			});
			log.info("Removed the unfinished import of dataset '{}'", staged.slug());
		}
		return answers;
	}

	/**
	 * Waits until the staged dataset's importer gives a sign of life or counts as
	 * abandoned; true when it is abandoned (and may be removed).
	 */
	boolean awaitAbandoned(Staged staged) throws InterruptedException {
		Instant seen = staged.beat();
		while (true) {
			Optional<Staged> now = find(staged.slug());
			if (now.isEmpty() || now.get().id() != staged.id()) {
				return true;
			}
			Instant beat = now.get().beat();
			if (beat != null && seen != null && beat.isAfter(seen)) {
				return false;
			}
			if (now.get().abandoned()) {
				return true;
			}
			Thread.sleep(1000);
		}
	}

	/**
	 * Removes a staged dataset with everything written into it, a few thousand answers
	 * per transaction; the dataset row goes last, so an interrupted removal is taken up
	 * again later. Returns the answers removed.
	 * @param progress told the answers removed so far, after each transaction
	 */
	long remove(long datasetId, LongConsumer progress) {
		// no statement timeout here (withQueryTimeout(0)): this is the import's or the
		// cleaner's work, not a visitor's query
		long removed = 0;
		while (true) {
			// the next few thousand answers by id (index by dataset and id); then those,
			// as a
			// range of that index: a subquery in the DELETE costs H2 a scan per answer
			Long last = this.jdbc
				.sql("SELECT MAX(id) FROM (SELECT id FROM sample WHERE dataset_id = ? ORDER BY id LIMIT "
						+ REMOVED_PER_TRANSACTION + ") next_answers")
				.param(datasetId)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (last == null) {
				break;
			}
			// scores and reviewers' flags go with their answers (ON DELETE CASCADE)
			removed += this.jdbc.sql("DELETE FROM sample WHERE dataset_id = ? AND id <= ?")
				.withQueryTimeout(0)
				.param(datasetId)
				.param(last)
				.update();
			progress.accept(removed);
		}
		// H2's word index: its postings chunk by chunk (a chunk's postings are one per
		// word)
		List<Long> chunks = this.jdbc
			.sql("SELECT first_sample FROM word_answers WHERE dataset_id = ? ORDER BY first_sample")
			.param(datasetId)
			.query(Long.class)
			.list();
		for (long chunk : chunks) {
			this.jdbc.sql("DELETE FROM word_postings WHERE dataset_id = ? AND first_sample = ?")
				.withQueryTimeout(0)
				.param(datasetId)
				.param(chunk)
				.update();
			this.jdbc.sql("DELETE FROM word_answers WHERE dataset_id = ? AND first_sample = ?")
				.withQueryTimeout(0)
				.param(datasetId)
				.param(chunk)
				.update();
		}
		this.jdbc.sql("DELETE FROM word_postings WHERE dataset_id = ?").withQueryTimeout(0).param(datasetId).update();
		this.jdbc.sql("DELETE FROM cell_scores WHERE dataset_id = ?").withQueryTimeout(0).param(datasetId).update();
		this.jdbc.sql("DELETE FROM judge_scores WHERE dataset_id = ?").withQueryTimeout(0).param(datasetId).update();
		// the rest is small: files, models, questions, cells, metrics (ON DELETE CASCADE)
		this.jdbc.sql("DELETE FROM dataset WHERE id = ? AND status = 'importing'")
			.withQueryTimeout(0)
			.param(datasetId)
			.update();
		return removed;
	}

	/**
	 * Shows, every {@link #BEAT} until closed, that the import of this staged dataset is
	 * alive.
	 */
	Heartbeat beat(long datasetId) {
		return new Heartbeat(datasetId);
	}

	/** An importer's signs of life, given on a thread of its own. */
	final class Heartbeat implements AutoCloseable {

		private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread beat = new Thread(task, "import-heartbeat");
			beat.setDaemon(true);
			return beat;
		});

		private Heartbeat(long datasetId) {
			this.thread.scheduleWithFixedDelay(() -> {
				try {
					// the database's clock, the one abandonment is judged by
					StagedImports.this.jdbc.sql("UPDATE dataset SET import_beat = CURRENT_TIMESTAMP WHERE id = ?")
						.param(datasetId)
						.update();
				}
				catch (RuntimeException ex) {
					// a missed beat is no harm unless they all fail, which the import
					// then sees too
					log.debug("Import heartbeat failed", ex);
				}
			}, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public void close() {
			this.thread.shutdownNow();
			try {
				this.thread.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private static Staged staged(long id, String slug, Timestamp beat, boolean abandoned) {
		return new Staged(id, slug, (beat != null) ? beat.toInstant() : null, abandoned);
	}

}
