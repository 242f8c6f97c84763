package org.misalignment.dashboard.store.search;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Splits a chunk's answers into {@link ChunkWords} on a thread of its own, so that an
 * import reads and stores the next answers while the words of the last ones are looked up
 * (splitting took about 40% of the importing thread's time). Texts go over in groups, in
 * the order they were added, to one thread: a word's positions still arrive in increasing
 * order. At most {@link #GROUPS_AHEAD} groups wait, so memory stays bounded when the
 * splitting falls behind; {@link #drain()} waits for all of them before the chunk's words
 * are read. The thread ends a few seconds after its last group, so an import that fails
 * half-way leaves none behind.
 */
final class WordSplitter {

	private static final int TEXTS_PER_GROUP = 256;

	private static final int GROUPS_AHEAD = 8;

	private final ChunkWords words;

	private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), (task) -> {
				Thread splitter = new Thread(task, "word-index");
				splitter.setDaemon(true);
				return splitter;
			});

	private final Semaphore ahead = new Semaphore(GROUPS_AHEAD);

	private String[] texts = new String[TEXTS_PER_GROUP];

	private int[] positions = new int[TEXTS_PER_GROUP];

	private int grouped;

	/** The last group handed over; the thread runs groups in order. */
	private Future<?> last;

	/** What went wrong on the thread, rethrown by the next {@link #drain()}. */
	private volatile RuntimeException failure;

	WordSplitter(ChunkWords words) {
		this.words = words;
	}

	/** Adds {@code position} to every indexed word of {@code text}, soon. */
	void add(String text, int position) throws SQLException {
		this.texts[this.grouped] = text;
		this.positions[this.grouped] = position;
		if (++this.grouped == TEXTS_PER_GROUP) {
			handOver();
		}
	}

	/**
	 * Waits until every text added so far is in the words; only then may the caller read
	 * them.
	 */
	void drain() throws SQLException {
		handOver();
		if (this.last != null) {
			try {
				this.last.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while the answers' words were indexed", ex);
			}
			catch (ExecutionException ex) {
				throw new SQLException("Could not index the answers' words", ex.getCause());
			}
			this.last = null;
		}
		RuntimeException failed = this.failure;
		if (failed != null) {
			throw new SQLException("Could not index the answers' words", failed);
		}
	}

	/** Ends the thread once its work is done. */
	void close() {
		this.thread.shutdown();
	}

	private void handOver() throws SQLException {
		if (this.grouped == 0) {
			return;
		}
		String[] group = this.texts;
		int[] at = this.positions;
		int size = this.grouped;
		this.texts = new String[TEXTS_PER_GROUP];
		this.positions = new int[TEXTS_PER_GROUP];
		this.grouped = 0;
		try {
			this.ahead.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("Interrupted while the answers' words were indexed", ex);
		}
		this.last = this.thread.submit(() -> {
			try {
				if (this.failure == null) {
					for (int i = 0; i < size; i++) {
						this.words.add(group[i], at[i]);
					}
				}
			}
			catch (RuntimeException ex) {
				this.failure = ex;
			}
			finally {
				this.ahead.release();
			}
		});
	}

}
