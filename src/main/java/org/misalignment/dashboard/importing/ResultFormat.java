package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.io.Reader;

/**
 * One input format of the importer (an eval CSV, a JSONL file, a question YAML…): reads a
 * checked file and streams what it holds into a sink.
 */
interface ResultFormat {

	/** The name stored with each imported file, e.g. {@code eval-csv}. */
	String name();

	void read(CheckedFile file, Reader text, ImportSink sink) throws IOException, ImportException;

}
