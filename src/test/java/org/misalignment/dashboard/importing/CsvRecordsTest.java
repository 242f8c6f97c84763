package org.misalignment.dashboard.importing;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {

	private static CsvRecords csv(String text) {
		return new CsvRecords(new StringReader(text), Path.of("answers.csv"));
	}

	@Test
	void quotedFieldsKeepCommasQuotesAndLineBreaks() throws Exception {
		CsvRecords records = csv(
				"question,answer\nq1,\"Line one, with a comma\n\"\"quoted\"\"\nline three\"\r\nq2,plain\n");
		assertThat(records.next()).containsExactly("question", "answer");
		assertThat(records.next()).containsExactly("q1", "Line one, with a comma\n\"quoted\"\nline three");
		assertThat(records.recordLine()).isEqualTo(2);
		assertThat(records.next()).containsExactly("q2", "plain");
		assertThat(records.recordLine()).isEqualTo(5);
		assertThat(records.next()).isNull();
	}

	@Test
	void emptyCellsStayEmpty() throws Exception {
		CsvRecords records = csv("a,b,c\n,,\n");
		records.next();
		assertThat(records.next()).isEqualTo(List.of("", "", ""));
	}

	@Test
	void unterminatedQuoteNamesTheLineWhereTheFieldStarts() throws Exception {
		CsvRecords records = csv("question,answer\nq1,fine\nq2,\"never closed\nstill going\n");
		records.next();
		records.next();
		assertThatThrownBy(records::next).isInstanceOf(ImportException.class)
			.hasMessage("answers.csv:3: unterminated quote: the quoted field starting here never ends");
	}

	@Test
	void textAfterAClosingQuoteIsAnError() throws Exception {
		CsvRecords records = csv("a\n\"x\"y\n");
		records.next();
		assertThatThrownBy(records::next).isInstanceOf(ImportException.class).hasMessageStartingWith("answers.csv:2: ");
	}

}
