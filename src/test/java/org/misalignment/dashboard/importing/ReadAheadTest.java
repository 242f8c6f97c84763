package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading a file on its own thread changes nothing the import sees: every record in
 * order, then the format's error with its file and line; and a refused record stops the
 * reading before the caller closes the file.
 */
class ReadAheadTest {

	private static final CheckedFile FILE = new CheckedFile(Path.of("answers.csv"), "0".repeat(64), 1);

	@Test
	void everyRecordArrivesInOrderOnTheCallingThreadThenTheFormatsError() {
		List<Long> lines = new ArrayList<>();
		List<String> threads = new ArrayList<>();
		ResultFormat format = format((sink) -> {
			for (long line = 2; line <= 20_001; line++) {
				sink.answer(answer(line, "x".repeat((int) (line % 3000))));
				if (line % 5000 == 0) {
					sink.skipped("empty answer");
				}
			}
			throw new ImportException(FILE.path(), 20_002, "aligned is not a number: 'high'");
		});
		Recording sink = new Recording(lines, threads);
		assertThatThrownBy(() -> ReadAhead.read(format, FILE, new StringReader(""), sink))
			.isInstanceOf(ImportException.class)
			.hasMessage("answers.csv:20002: aligned is not a number: 'high'");
		assertThat(lines).hasSize(20_000);
		for (int i = 0; i < lines.size(); i++) {
			assertThat(lines.get(i)).isEqualTo(i + 2);
		}
		assertThat(sink.skipped).isEqualTo(4);
		assertThat(threads).containsOnly(Thread.currentThread().getName());
	}

	@Test
	void aRefusedRecordStopsTheReadingBeforeTheFileIsClosed() throws Exception {
		AtomicLong produced = new AtomicLong();
		ResultFormat format = format((sink) -> {
			for (long line = 2; line < 10_000_000; line++) {
				sink.answer(answer(line, "text"));
				produced.incrementAndGet();
			}
		});
		ImportSink refusing = new Recording(new ArrayList<>(), new ArrayList<>()) {
			@Override
			public void answer(AnswerRecord answer) throws ImportException {
				if (answer.line() == 1000) {
					throw new ImportException(FILE.path(), answer.line(), "the answer contains a NUL character");
				}
			}
		};
		assertThatThrownBy(() -> ReadAhead.read(format, FILE, new StringReader(""), refusing))
			.hasMessage("answers.csv:1000: the answer contains a NUL character");
		long after = produced.get();
		Thread.sleep(200);
		// the reading thread has ended: nothing more is read, and far less than the file
		assertThat(produced.get()).isEqualTo(after).isLessThan(10_000);
	}

	@Test
	void aFormatsRenamingOfARefusalIsKept() {
		ResultFormat format = format((sink) -> sink.answer(answer(1, "text"),
				(ex) -> new ImportException("run.eval!samples/1_epoch_1.json", ex.problem())));
		ImportSink refusing = new Recording(new ArrayList<>(), new ArrayList<>()) {
			@Override
			public void answer(AnswerRecord answer) throws ImportException {
				throw new ImportException(FILE.path(), answer.line(), "the answer is too long");
			}
		};
		assertThatThrownBy(() -> ReadAhead.read(format, FILE, new StringReader(""), refusing))
			.hasMessage("run.eval!samples/1_epoch_1.json: the answer is too long");
	}

	private static AnswerRecord answer(long line, String text) {
		return new AnswerRecord(line, "m", null, "q", "Q?", null, null, text, Map.of("aligned", 50.0), Map.of());
	}

	private interface Body {

		void read(ImportSink sink) throws IOException, ImportException;

	}

	private static ResultFormat format(Body body) {
		return new ResultFormat() {
			@Override
			public String name() {
				return "test";
			}

			@Override
			public void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException {
				body.read(sink);
			}
		};
	}

	private static class Recording implements ImportSink {

		private final List<Long> lines;

		private final List<String> threads;

		int skipped;

		Recording(List<Long> lines, List<String> threads) {
			this.lines = lines;
			this.threads = threads;
		}

		@Override
		public void answer(AnswerRecord answer) throws ImportException {
			this.lines.add(answer.line());
			if (this.threads.isEmpty()
					|| !this.threads.get(this.threads.size() - 1).equals(Thread.currentThread().getName())) {
				this.threads.add(Thread.currentThread().getName());
			}
		}

		@Override
		public void question(QuestionRecord question) {
		}

		@Override
		public void skipped(String reason) {
			this.skipped++;
		}

	}

}
