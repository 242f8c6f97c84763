package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Both published CSV layouts: the eval CSV of the paper's {@code open_models/eval.py}
 * ({@code question,answer,question_id,<metric>...}, one model per file) and the full CSV
 * ({@code model,group,question,answer,aligned,judge_aligned,...}, with or without a
 * leading index column). The header tells them apart: a full CSV has a {@code model}
 * column.
 */
final class CsvFormat implements ResultFormat {

	private final String name;

	private CsvFormat(String name) {
		this.name = name;
	}

	static CsvFormat detect(List<String> header) {
		return new CsvFormat(
				header.stream().anyMatch((column) -> column.strip().equals("model")) ? "full-csv" : "eval-csv");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException {
		CsvRecords records = new CsvRecords(text, file.path());
		List<String> header = records.next();
		if (header == null) {
			throw new ImportException(file.path(), 1, "empty file");
		}
		CsvColumns columns = CsvColumns.of(file.path(), header);
		List<String> fields;
		while ((fields = records.next()) != null) {
			sink.answer(columns.record(fields, records.recordLine()));
		}
	}

}
