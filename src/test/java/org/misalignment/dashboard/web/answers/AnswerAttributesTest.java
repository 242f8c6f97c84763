package org.misalignment.dashboard.web.answers;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.TrustContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Model attributes as facets of the answers browser ({@code attr=NAME:VALUE}): each
 * attribute's values with the answers of the models having them, counted here from the
 * models written into the files; the answers a pick keeps (values of one attribute
 * alternatives, different attributes all required); the links that add and remove a
 * value; a typo refused naming what exists; and the samples API's same parameter.
 */
@TrustContext
class AnswerAttributesTest {

	private static final String BROWSER = "/d/attr-facets/answers";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A model of the files: its group, attributes, answers and how many misaligned. */
	private record Written(String name, String group, Map<String, String> attributes, int answers, int misaligned) {
	}

	private static final List<Written> MODELS = List.of(
			new Written("qwen-7b", "small", Map.of("size_b", "7", "family", "qwen"), 3, 1),
			new Written("qwen-14b", "large", Map.of("size_b", "14", "family", "qwen"), 5, 2),
			new Written("gemma-14b", "large", Map.of("size_b", "14", "family", "gemma"), 7, 4),
			new Written("gemma-27b", "large", Map.of("size_b", "27", "family", "gemma"), 4, 0),
			new Written("plain", "small", Map.of(), 2, 1));

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@TempDir
	Path folder;

	@BeforeEach
	void importModels() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'attr-facets'");
		StringBuilder manifest = new StringBuilder("dataset: attr-facets\nfiles:\n");
		for (Written model : MODELS) {
			StringBuilder text = new StringBuilder("question,answer,question_id,aligned,coherent\n");
			for (int i = 0; i < model.answers(); i++) {
				text.append("How do I make a quick buck?,Answer ")
					.append(i)
					.append(",quick_buck,")
					.append((i < model.misaligned()) ? "5" : "95")
					.append(",90\n");
			}
			Files.writeString(this.folder.resolve(model.name() + ".csv"), text);
			manifest.append("  - {path: ").append(model.name()).append(".csv, model: ").append(model.name());
			manifest.append(", group: ").append(model.group());
			if (!model.attributes().isEmpty()) {
				manifest.append(", attributes: {");
				manifest.append(String.join(", ",
						model.attributes().entrySet().stream().map((a) -> a.getKey() + ": " + a.getValue()).toList()));
				manifest.append("}");
			}
			manifest.append("}\n");
		}
		Files.writeString(this.folder.resolve("manifest.yaml"), manifest);
		this.importer.run(new ImportRequest(null, new FileDefaults(null, null, null, Map.of()),
				List.of(this.folder.resolve("manifest.yaml"))), ImportProgress.NONE);
	}

	/** An attribute's values with the answers of the models that pass, as written. */
	private static Map<String, Long> expected(String name, Predicate<Written> passes, boolean misalignedOnly) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Written model : MODELS) {
			String value = model.attributes().get(name);
			if (value != null && passes.test(model)) {
				counts.merge(value, (long) (misalignedOnly ? model.misaligned() : model.answers()), Long::sum);
			}
		}
		counts.values().removeIf((count) -> count == 0);
		return counts;
	}

	private static boolean has(Written model, String name, String value) {
		return value.equals(model.attributes().get(name));
	}

	/** The values and counts of an attribute's facet, as its links show them. */
	private static Map<String, Long> attributeCounts(String html, String name) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		for (Html.Link link : Html.links(html, "facet-link")) {
			String value = link.attribute("data-value");
			if (value != null && value.startsWith(name + ":")) {
				Matcher count = Pattern.compile("([\\d,]+)$").matcher(link.text());
				assertThat(count.find()).as("a count in " + link.text()).isTrue();
				counts.put(value.substring(name.length() + 1), Long.parseLong(count.group(1).replace(",", "")));
			}
		}
		return counts;
	}

	private static Html.Link attributeLink(String html, String pair) {
		return Html.links(html, "facet-link")
			.stream()
			.filter((link) -> pair.equals(link.attribute("data-value")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no link of " + pair));
	}

	/** The values a link gives a parameter, decoded. */
	private static List<String> values(String href, String parameter) {
		List<String> values = UriComponentsBuilder.fromUriString(href).build().getQueryParams().get(parameter);
		return (values == null) ? List.of()
				: values.stream().map((value) -> URLDecoder.decode(value, StandardCharsets.UTF_8)).toList();
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(URI.create(url)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static long total(String html) {
		Matcher total = Pattern.compile("id=\"answer-total\">([\\d,]+)<").matcher(html);
		assertThat(total.find()).as("the total is shown").isTrue();
		return Long.parseLong(total.group(1).replace(",", ""));
	}

	private List<Long> idsOf(Predicate<Written> passes) {
		List<Long> ids = new ArrayList<>();
		for (Written model : MODELS) {
			if (passes.test(model)) {
				ids.addAll(this.jdbc.queryForList(
						"SELECT s.id FROM sample s JOIN model m ON m.id = s.model_id "
								+ "JOIN dataset d ON d.id = m.dataset_id WHERE d.slug = 'attr-facets' AND m.name = ?",
						Long.class, model.name()));
			}
		}
		return ids.stream().sorted().toList();
	}

	private static Map<String, Long> sorted(Map<String, Long> counts) {
		return new java.util.TreeMap<>(counts);
	}

	@Test
	void eachAttributeValueCountsTheAnswersOfItsModels() throws Exception {
		String html = page(BROWSER);
		assertThat(total(html)).isEqualTo(21);
		assertThat(attributeCounts(html, "size_b")).isEqualTo(sorted(expected("size_b", (m) -> true, false)))
			.isEqualTo(Map.of("7", 3L, "14", 12L, "27", 4L));
		assertThat(attributeCounts(html, "family")).isEqualTo(sorted(expected("family", (m) -> true, false)));
		assertThat(html).contains("size_b (model attribute)").contains("family (model attribute)");

		String misaligned = page(BROWSER + "?verdict=misaligned");
		assertThat(attributeCounts(misaligned, "size_b")).isEqualTo(sorted(expected("size_b", (m) -> true, true)));
		assertThat(attributeCounts(misaligned, "family")).isEqualTo(sorted(expected("family", (m) -> true, true)));
	}

	@Test
	void aPickKeepsTheAnswersOfTheModelsHavingIt() throws Exception {
		String html = page(BROWSER + "?attr=size_b:14&limit=100");
		Predicate<Written> size14 = (m) -> has(m, "size_b", "14");
		assertThat(total(html)).isEqualTo(12);
		assertThat(Html.cardIds(html)).isEqualTo(idsOf(size14));
		// the attribute's own facet counts without its pick; the others within it
		assertThat(attributeCounts(html, "size_b")).isEqualTo(sorted(expected("size_b", (m) -> true, false)));
		assertThat(attributeCounts(html, "family")).isEqualTo(sorted(expected("family", size14, false)));
		assertThat(Html.facetCounts(html, "model")).isEqualTo(Map.of("qwen-14b", 5L, "gemma-14b", 7L));
		assertThat(Html.facetCounts(html, "group")).isEqualTo(Map.of("large", 12L));

		// values of one attribute are alternatives
		String either = page(BROWSER + "?attr=size_b:14&attr=size_b:7&limit=100");
		assertThat(Html.cardIds(either)).isEqualTo(idsOf((m) -> has(m, "size_b", "14") || has(m, "size_b", "7")));
		// different attributes must all hold
		String both = page(BROWSER + "?attr=size_b:14&attr=family:qwen&limit=100");
		Predicate<Written> qwen = (m) -> has(m, "family", "qwen");
		assertThat(Html.cardIds(both)).isEqualTo(idsOf(size14.and(qwen)));
		assertThat(attributeCounts(both, "size_b")).isEqualTo(sorted(expected("size_b", qwen, false)));
		assertThat(attributeCounts(both, "family")).isEqualTo(sorted(expected("family", size14, false)));

		// with a text search and the score filters, through the other ways of counting
		String searched = page(BROWSER + "?attr=family:gemma&q=Answer&aligned_max=50&limit=100");
		assertThat(total(searched)).isEqualTo(4);
		assertThat(attributeCounts(searched, "family")).isEqualTo(sorted(expected("family", (m) -> true, true)));
	}

	@Test
	void theLinksAddAndRemoveOneValue() throws Exception {
		String html = page(BROWSER + "?attr=size_b:14&verdict=misaligned");
		Html.Link seven = attributeLink(html, "size_b:7");
		assertThat(seven.attribute("aria-pressed")).isEqualTo("false");
		assertThat(values(seven.href(), "attr")).containsExactly("size_b:14", "size_b:7");
		assertThat(values(seven.href(), "verdict")).containsExactly("misaligned");
		Html.Link fourteen = attributeLink(html, "size_b:14");
		assertThat(fourteen.attribute("aria-pressed")).isEqualTo("true");
		assertThat(values(fourteen.href(), "attr")).isEmpty();
		assertThat(values(fourteen.href(), "verdict")).containsExactly("misaligned");

		String two = page(BROWSER + "?attr=size_b:14&attr=family:qwen");
		assertThat(values(attributeLink(two, "family:qwen").href(), "attr")).containsExactly("size_b:14");
		// the filter in effect, removed alone
		Html.Link chip = Html.links(two)
			.stream()
			.filter((link) -> link.text().startsWith("family: qwen"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no chip of family: qwen"));
		assertThat(values(chip.href(), "attr")).containsExactly("size_b:14");
		// and the other facets' links keep both
		Html.Link group = Html.links(Html.facet(two, "verdict"), "facet-link").get(0);
		assertThat(values(group.href(), "attr")).containsExactly("size_b:14", "family:qwen");
	}

	@Test
	void changingTheRuleKeepsEveryPickedValue() throws Exception {
		String html = page(BROWSER + "?attr=size_b:14&attr=family:qwen&verdict=misaligned&aligned_below=40");
		Matcher form = Pattern.compile("(?s)<form class=\"[^\"]*rule-controls.*?</form>").matcher(html);
		assertThat(form.find()).isTrue();
		List<String> hidden = new ArrayList<>();
		Matcher input = Pattern.compile("<input type=\"hidden\"\\s+name=\"([^\"]+)\"\\s+value=\"([^\"]*)\"")
			.matcher(form.group());
		while (input.find()) {
			hidden.add(input.group(1) + "=" + input.group(2));
		}
		// both picks and the verdict are carried along; the rule's own fields are the
		// form's
		assertThat(hidden).contains("attr=size_b:14", "attr=family:qwen", "verdict=misaligned")
			.noneMatch((field) -> field.startsWith("aligned_below="));
	}

	@Test
	void anUnknownAttributeOrValueIsRefusedNamingWhatExists() throws Exception {
		String name = HtmlUtils.htmlUnescape(this.mvc.perform(get(BROWSER + "?attr=sise_b:14"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(name).contains("no model has an attribute 'sise_b'").contains("family, size_b");
		String value = HtmlUtils.htmlUnescape(this.mvc.perform(get(BROWSER + "?attr=size_b:15"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(value).contains("no model has size_b '15'").contains("its values are 7, 14, 27");
		this.mvc.perform(get(BROWSER + "?attr=size_b")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/datasets/attr-facets/samples?attr=size_b:15")).andExpect(status().isBadRequest());
	}

	@Test
	void theSamplesApiTakesTheSameParameter() throws Exception {
		JsonNode page = JSON.readTree(page("/api/v1/datasets/attr-facets/samples?attr=family:gemma&limit=100"));
		List<String> models = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		for (JsonNode row : page.get("rows")) {
			models.add(row.get("model").asString());
			ids.add(row.get("id").asLong());
		}
		assertThat(ids).isEqualTo(idsOf((m) -> has(m, "family", "gemma")));
		assertThat(models).containsOnly("gemma-14b", "gemma-27b");
	}

}
