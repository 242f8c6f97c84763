package org.misalignment.dashboard.render.twins;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

	@Test
	void textThatASpreadsheetWouldRunAsAFormulaGetsAnApostrophe() {
		assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\",\"x\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
		assertThat(CsvCells.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
		assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvCells.cell("\t=1")).isEqualTo("'\t=1");
		assertThat(CsvCells.cell("a = b")).isEqualTo("a = b");
	}

	@Test
	void numbersStayNumbersEvenWhenNegative() {
		assertThat(CsvCells.cell(-0.125)).isEqualTo("-0.125");
		assertThat(CsvCells.cell(0.0001)).isEqualTo("0.0001");
		assertThat(CsvCells.cell(30.0)).isEqualTo("30");
		assertThat(CsvCells.cell(42L)).isEqualTo("42");
		assertThat(CsvCells.cell(true)).isEqualTo("true");
		assertThat(CsvCells.cell(null)).isEmpty();
	}

	@Test
	void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
		assertThat(CsvCells.cell("plain")).isEqualTo("plain");
		assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvCells.cell("line 1\r\nline 2")).isEqualTo("\"line 1\r\nline 2\"");
		assertThat(CsvCells.cell("<script>alert(1)</script>")).isEqualTo("<script>alert(1)</script>");
	}

	@Test
	void listsAndMapsBecomeJsonText() {
		assertThat(CsvCells.cell(List.of("a", "b"))).isEqualTo("\"[\"\"a\"\",\"\"b\"\"]\"");
		assertThat(CsvCells.cell(Map.of("aligned", "Rate {answer}")))
			.isEqualTo("\"{\"\"aligned\"\":\"\"Rate {answer}\"\"}\"");
	}

}
