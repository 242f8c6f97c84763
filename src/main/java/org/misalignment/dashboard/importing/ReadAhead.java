package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.misalignment.dashboard.store.imports.DatasetRows;

/**
 * Reads a file on a thread of its own while the calling thread stores what was read
 * before: parsing a file and storing its answers then share the machine's cores instead
 * of taking turns. The sink sees exactly what it would see reading on one thread, in the
 * same order, on the calling thread; a format's error reaches the caller after every
 * record read before it, as it would have. At most {@link #BATCHES} batches of
 * {@link #EVENTS} records or about {@link #CHARS} characters wait, so memory stays
 * bounded when storing is slower than reading. When the sink fails (a bad record, a
 * cancelled import), the reading stops at its next record and the failure is thrown once
 * the reading thread has ended: the file is never read after the caller closes it.
 */
final class ReadAhead {

	private static final int EVENTS = 64;

	private static final int CHARS = 1 << 20;

	private static final int BATCHES = 4;

	private ReadAhead() {
	}

	/** What the reading thread hands over, in order. */
	private sealed interface Event {

	}

	private record Answer(AnswerRecord record, UnaryOperator<ImportException> renamed) implements Event {
	}

	private record Question(QuestionRecord record) implements Event {
	}

	private record Skipped(String reason) implements Event {
	}

	private record Read(long bytes, long fileSize) implements Event {
	}

	private record Described(DatasetRows.LogFacts facts) implements Event {
	}

	/** The end of the file; {@code failure} is null when the format read it all. */
	private record End(Throwable failure) implements Event {
	}

	/** Thrown on the reading thread to stop it once the sink has failed. */
	private static final class Stopped extends RuntimeException {

		Stopped() {
			super("stopped", null, false, false);
		}

	}

	/**
	 * Reads {@code file} with {@code format} into {@code sink}, as {@code format.read}.
	 */
	static void read(ResultFormat format, CheckedFile file, Reader text, ImportSink sink)
			throws IOException, ImportException {
		BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(BATCHES);
		Handing handing = new Handing(queue);
		Thread reader = new Thread(() -> {
			Throwable failure = null;
			try {
				format.read(file, text, handing);
			}
			catch (Throwable ex) { // handed to the calling thread, which rethrows it
				failure = ex;
			}
			handing.end(failure);
		}, "import-reader");
		reader.setDaemon(true);
		reader.start();
		boolean done = false;
		try {
			while (!done) {
				for (Event event : queue.take()) {
					done = deliver(event, sink);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImportException(file.path().toString(), "the import was interrupted");
		}
		finally {
			if (!done) {
				handing.stopped = true;
				// free the reading thread if it waits for room, until it has ended
				while (reader.isAlive()) {
					queue.clear();
					try {
						reader.join(10);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
			}
		}
	}

	/** Gives one event to the sink; returns whether it was the end. */
	private static boolean deliver(Event event, ImportSink sink) throws IOException, ImportException {
		if (event instanceof Answer answer) {
			if (answer.renamed() != null) {
				sink.answer(answer.record(), answer.renamed());
			}
			else {
				sink.answer(answer.record());
			}
		}
		else if (event instanceof Question question) {
			sink.question(question.record());
		}
		else if (event instanceof Skipped skipped) {
			sink.skipped(skipped.reason());
		}
		else if (event instanceof Read read) {
			sink.read(read.bytes(), read.fileSize());
		}
		else if (event instanceof Described described) {
			sink.describeFile(described.facts());
		}
		else if (event instanceof End end) {
			rethrow(end.failure());
			return true;
		}
		return false;
	}

	/** Throws what the format threw on the reading thread, if anything. */
	private static void rethrow(Throwable failure) throws IOException, ImportException {
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof ImportException bad) {
			throw bad;
		}
		if (failure instanceof RuntimeException unchecked) {
			throw unchecked;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		if (failure != null) {
			throw new IOException(failure);
		}
	}

	/** The sink the format writes to on the reading thread: it fills batches. */
	private static final class Handing implements ImportSink {

		private final BlockingQueue<List<Event>> queue;

		private List<Event> batch = new ArrayList<>(EVENTS);

		private long chars;

		volatile boolean stopped;

		Handing(BlockingQueue<List<Event>> queue) {
			this.queue = queue;
		}

		@Override
		public void answer(AnswerRecord answer) {
			answer(answer, null);
		}

		@Override
		public void answer(AnswerRecord answer, UnaryOperator<ImportException> renamed) {
			String text = answer.answer();
			add(new Answer(answer, renamed), (text != null) ? text.length() : 0);
		}

		@Override
		public void question(QuestionRecord question) {
			add(new Question(question), 0);
		}

		@Override
		public void skipped(String reason) {
			add(new Skipped(reason), 0);
		}

		@Override
		public void read(long bytes, long fileSize) {
			add(new Read(bytes, fileSize), 0);
		}

		@Override
		public void describeFile(DatasetRows.LogFacts facts) {
			add(new Described(facts), 0);
		}

		void end(Throwable failure) {
			if (failure instanceof Stopped) {
				return; // the calling thread has its own failure and waits for none
			}
			this.batch.add(new End(failure));
			try {
				handOver();
			}
			catch (Stopped ex) {
				// nobody waits any more
			}
		}

		private void add(Event event, long size) {
			if (this.stopped) {
				throw new Stopped();
			}
			this.batch.add(event);
			this.chars += size;
			if (this.batch.size() == EVENTS || this.chars >= CHARS) {
				handOver();
			}
		}

		private void handOver() {
			List<Event> full = this.batch;
			this.batch = new ArrayList<>(EVENTS);
			this.chars = 0;
			try {
				while (!this.queue.offer(full, 10, TimeUnit.MILLISECONDS)) {
					if (this.stopped) {
						throw new Stopped();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Stopped();
			}
		}

	}

}
