package org.misalignment.dashboard.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.misalignment.dashboard.store.imports.DatasetRows;

/**
 * Passes records on and reports progress every few thousand answers, and as a format that
 * reads its file itself (an {@code .eval} archive) says how far it got, at most every
 * hundredth of the file.
 */
final class ProgressReporting implements ImportSink {

	private final ImportSink sink;

	private final DatasetWriter writer;

	private final ImportProgress progress;

	private final Counting counted;

	private final long bytesBefore;

	private final long bytesTotal;

	/** Bytes of the file the format said it read, when it reads the file itself. */
	private long read;

	private long reported;

	ProgressReporting(ImportSink sink, DatasetWriter writer, ImportProgress progress, Counting counted,
			long bytesBefore, long bytesTotal) {
		this.sink = sink;
		this.writer = writer;
		this.progress = progress;
		this.counted = counted;
		this.bytesBefore = bytesBefore;
		this.bytesTotal = bytesTotal;
	}

	@Override
	public void answer(AnswerRecord answer) throws ImportException {
		this.sink.answer(answer);
		if ((this.writer.answers() & 4095) == 0) {
			report();
		}
	}

	@Override
	public void question(QuestionRecord question) throws ImportException {
		this.sink.question(question);
	}

	@Override
	public void skipped(String reason) {
		this.sink.skipped(reason);
	}

	@Override
	public void describeFile(DatasetRows.LogFacts facts) {
		this.sink.describeFile(facts);
	}

	@Override
	public void read(long bytes, long fileSize) {
		this.read = bytes;
		if (bytes - this.reported >= Math.max(1, fileSize / 100)) {
			report();
		}
	}

	private void report() {
		long inFile = Math.max(this.counted.count, this.read);
		this.reported = inFile;
		this.progress.update(this.bytesBefore + inFile, this.bytesTotal, this.writer.answers());
	}

	/** Counts the bytes a format has read, for the progress line. */
	static final class Counting extends FilterInputStream {

		volatile long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}
