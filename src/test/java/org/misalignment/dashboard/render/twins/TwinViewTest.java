package org.misalignment.dashboard.render.twins;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twin writer on its own: rows reach the output while later rows are still being
 * produced (an export is written as it is read, never collected first), and hostile text
 * stays data in both formats.
 */
class TwinViewTest {

	private static final int ROWS = 200_000;

	/** Counts the bytes written so far, and throws them away. */
	private static final class CountingSink extends OutputStream {

		long bytes;

		@Override
		public void write(int b) {
			this.bytes++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.bytes += len;
		}

	}

	/**
	 * A table of {@link #ROWS} rows made one at a time, noting how much had been written
	 * when each was made.
	 */
	private static Table generated(CountingSink sink, long[] writtenAtRow) {
		return new Table("answers", List.of("id", "answer"), (row) -> {
			for (int i = 0; i < ROWS; i++) {
				writtenAtRow[i] = sink.bytes;
				row.accept(List.of(i, "answer number " + i + " with some text to make it longer"));
			}
		});
	}

	@Test
	void csvRowsAreWrittenWhileLaterRowsAreStillBeingRead() throws Exception {
		CountingSink sink = new CountingSink();
		long[] writtenAtRow = new long[ROWS];
		TwinView.write(generated(sink, writtenAtRow), sink);
		// each row is about 55 bytes: by the middle row, most of the first half must
		// already be out
		long half = writtenAtRow[ROWS / 2];
		assertThat(half).isGreaterThan(ROWS / 2 * 50L);
		assertThat(writtenAtRow[ROWS - 1]).isGreaterThan(sink.bytes - 20_000);
	}

	@Test
	void jsonRowsAreWrittenWhileLaterRowsAreStillBeingRead() throws Exception {
		CountingSink sink = new CountingSink();
		long[] writtenAtRow = new long[ROWS];
		Twin twin = Twin.of("answers", null, null).table(generated(sink, writtenAtRow));
		TwinView.write(twin, sink);
		assertThat(writtenAtRow[ROWS / 2]).isGreaterThan(ROWS / 2 * 50L);
		assertThat(writtenAtRow[ROWS - 1]).isGreaterThan(sink.bytes - 20_000);
	}

	@Test
	void hostileTextIsEscapedInJsonAndQuotedInCsv() throws Exception {
		String hostile = "</script><script>alert(\"x\")</script>\n=cmd|' /C calc'!A0";
		Twin twin = Twin.of("answers", null, null)
			.table("answers", List.of("answer", "aligned"), List.of(Twin.row(hostile, 12.5)));
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		TwinView.write(twin, json);
		String jsonText = json.toString(StandardCharsets.UTF_8);
		assertThat(jsonText).doesNotContain("<").doesNotContain(">").contains("\\u003C/script\\u003E");
		JsonNode parsed = JsonMapper.builder().build().readTree(jsonText);
		assertThat(parsed.at("/tables/answers/0/answer").asString()).isEqualTo(hostile);
		assertThat(parsed.at("/tables/answers/0/aligned").asDouble()).isEqualTo(12.5);

		ByteArrayOutputStream csv = new ByteArrayOutputStream();
		TwinView.write(twin.chosen(null), csv);
		assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo(
				"answer,aligned\r\n" + "\"</script><script>alert(\"\"x\"\")</script>\n=cmd|' /C calc'!A0\",12.5\r\n");
	}

	@Test
	void fileNamesSayDatasetPageAndTable() {
		Twin twin = Twin.of("overview", null, null)
			.table("groups", List.of("a"), List.of())
			.table("matrix", List.of("a"), List.of());
		assertThat(TwinView.fileName(twin, twin.chosen(null))).isEqualTo("overview.csv");
		assertThat(TwinView.fileName(twin, twin.chosen("matrix"))).isEqualTo("overview-matrix.csv");
	}

}
