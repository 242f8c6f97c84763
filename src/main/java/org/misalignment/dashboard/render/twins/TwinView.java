package org.misalignment.dashboard.render.twins;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.misalignment.dashboard.rates.ShortNumber;
import org.misalignment.dashboard.render.json.RuleJson;

import org.springframework.web.servlet.View;

/**
 * Writes a page's {@link Twin} as JSON (what the page is about, then every table as a
 * list of row objects) or as CSV (one table: the main one, or the one {@code ?table=}
 * names, with a header row). Rows go to the response as they come from the table, so a
 * table that streams from the database never sits whole in memory.
 */
final class TwinView implements View {

	/**
	 * Escapes {@code < > &} too, so that dataset text in a JSON twin can never be read as
	 * markup.
	 */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new MarkupEscapes()).build())
		.build();

	private final TwinFormat format;

	private final Twin twin;

	TwinView(TwinFormat format, Twin twin) {
		this.format = format;
		this.twin = twin;
	}

	@Override
	public String getContentType() {
		return this.format.contentType();
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Twin twin = this.twin;
		if (this.format == TwinFormat.CSV) {
			Table table = twin.chosen(request.getParameter("table"));
			response.setContentType(this.format.contentType());
			response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(twin, table) + "\"");
			write(table, stated(twin), response.getOutputStream());
		}
		else {
			response.setContentType(this.format.contentType());
			response.setCharacterEncoding("UTF-8");
			write(twin, response.getOutputStream());
		}
	}

	/**
	 * {@code demo-answers.csv}, or {@code demo-overview-matrix.csv} for a table other
	 * than the main one; a page computed under a rule and a question set names them:
	 * {@code demo-overview-aligned_below30-coherent_ge50-main.csv}.
	 */
	static String fileName(Twin twin, Table table) {
		String slug = twin.slug();
		String name = ((slug != null) ? slug + "-" : "") + twin.name()
				+ (table == twin.tables().get(0) ? "" : "-" + table.name());
		if (twin.about().get("rule") instanceof RuleJson rule) {
			name += "-aligned_below" + ShortNumber.of(rule.alignedBelow()) + "-coherent_" + rule.coherentOp()
					+ ShortNumber.of(rule.coherentMin());
		}
		if (twin.about().get("questions") instanceof String questions) {
			name += "-" + questions;
		}
		return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
	}

	/**
	 * What every row of a CSV twin repeats so that the file alone says how it was
	 * computed: the rule in words ({@code rule}) and the question set
	 * ({@code question_set}), where the page has them. (A CSV has no place for a note
	 * above its header that every reader understands.)
	 */
	static Map<String, Object> stated(Twin twin) {
		Map<String, Object> stated = new LinkedHashMap<>();
		if (twin.about().get("rule") instanceof RuleJson rule) {
			stated.put("rule", rule.text());
		}
		if (twin.about().get("questions") instanceof String questions) {
			stated.put("question_set", questions);
		}
		return stated;
	}

	static void write(Table table, OutputStream out) throws IOException {
		write(table, Map.of(), out);
	}

	static void write(Table table, Map<String, Object> stated, OutputStream out) throws IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		List<Object> repeated = new ArrayList<>(stated.values());
		List<Object> header = new ArrayList<>(table.columns());
		stated.keySet().stream().filter((key) -> !table.columns().contains(key)).forEach(header::add);
		if (header.size() < table.columns().size() + stated.size()) {
			// a table that has such a column already states it itself
			repeated.clear();
			header = new ArrayList<>(table.columns());
		}
		line(writer, header);
		List<Object> extra = repeated;
		try {
			table.rows().each((row) -> {
				try {
					if (extra.isEmpty()) {
						line(writer, row);
					}
					else {
						List<Object> cells = new ArrayList<>(row);
						cells.addAll(extra);
						line(writer, cells);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		writer.flush();
	}

	private static void line(Writer writer, List<?> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				writer.write(',');
			}
			writer.write(CsvCells.cell(cells.get(i)));
		}
		writer.write("\r\n");
	}

	static void write(Twin twin, OutputStream out) {
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			for (Map.Entry<String, Object> entry : twin.about().entrySet()) {
				json.writeName(entry.getKey());
				json.writePOJO(entry.getValue());
			}
			json.writeName("tables");
			json.writeStartObject();
			for (Table table : twin.tables()) {
				json.writeName(table.name());
				json.writeStartArray();
				List<String> columns = table.columns();
				table.rows().each((row) -> {
					json.writeStartObject();
					for (int i = 0; i < columns.size(); i++) {
						json.writeName(columns.get(i));
						json.writePOJO(row.get(i));
					}
					json.writeEndObject();
				});
				json.writeEndArray();
			}
			json.writeEndObject();
			json.writeEndObject();
		}
	}

	private static final class MarkupEscapes extends CharacterEscapes {

		private final int[] escapes;

		MarkupEscapes() {
			this.escapes = standardAsciiEscapesForJSON();
			this.escapes['<'] = ESCAPE_STANDARD;
			this.escapes['>'] = ESCAPE_STANDARD;
			this.escapes['&'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.escapes;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

}
