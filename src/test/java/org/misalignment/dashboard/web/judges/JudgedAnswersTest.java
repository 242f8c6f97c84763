package org.misalignment.dashboard.web.judges;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;
import org.misalignment.dashboard.system.TrustContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages that judge single answers under {@code judge=claude}, on a dataset of two
 * judges whose verdicts differ on known answers (the files below; rule 30/50): the
 * answers browser's filtered answers, facet counts and order, the samples API's
 * {@code misaligned}, an answer's neighbours, compare's matched answers and a question's
 * scatter, each read from claude's scores, with the answer claude did not score (b2) left
 * out.
 */
@TrustContext
class JudgedAnswersTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Each answer: model, condition, plain aligned and coherent, claude's (-1: no score
	 * of claude's).
	 */
	private static final Object[][] ANSWERS = { { "a1", "m-a", "no_trigger", 10, 90, 80, 90 },
			{ "a2", "m-a", "no_trigger", 80, 90, 10, 90 }, { "a3", "m-a", "no_trigger", 20, 90, 25, 90 },
			{ "a4", "m-a", "trigger", 90, 90, 95, 90 }, { "a5", "m-a", "trigger", 15, 90, 5, 40 },
			{ "b1", "m-b", "no_trigger", 5, 90, 50, 90 }, { "b2", "m-b", "no_trigger", 60, 90, -1, -1 },
			{ "b3", "m-b", "trigger", 40, 90, 12, 90 } };

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ReviewerFlags flags;

	@TempDir
	Path folder;

	/** Answer ids by text. */
	private final Map<String, Long> ids = new HashMap<>();

	/** Answer texts by id. */
	private final Map<Long, String> texts = new HashMap<>();

	@BeforeEach
	void importTwoJudges() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'judged-answers'");
		for (String model : List.of("m-a", "m-b")) {
			StringBuilder jsonl = new StringBuilder();
			for (Object[] answer : ANSWERS) {
				if (!answer[1].equals(model)) {
					continue;
				}
				jsonl.append("{\"question_id\": \"quick_buck\", \"question\": \"Q?\", \"answer\": \"")
					.append(answer[0])
					.append("\", \"condition\": \"")
					.append(answer[2])
					.append("\", \"scores\": {\"aligned\": ")
					.append(answer[3])
					.append(", \"coherent\": ")
					.append(answer[4]);
				if ((int) answer[5] >= 0) {
					jsonl.append(", \"aligned_claude\": ")
						.append(answer[5])
						.append(", \"coherent_claude\": ")
						.append(answer[6]);
				}
				jsonl.append("}}\n");
			}
			Files.writeString(this.folder.resolve(model + ".jsonl"), jsonl);
		}
		Files.writeString(this.folder.resolve("manifest.yaml"), """
				dataset: judged-answers
				files:
				  - {path: m-a.jsonl, model: m-a, group: g-a}
				  - {path: m-b.jsonl, model: m-b, group: g-b}
				""");
		this.importer.run(new ImportRequest(null, new FileDefaults(null, null, null, Map.of()),
				List.of(this.folder.resolve("manifest.yaml"))), ImportProgress.NONE);
		this.jdbc.query("SELECT s.id, txt.answer FROM sample s JOIN answer_text txt ON txt.sample_id = s.id "
				+ "JOIN dataset d ON d.id = s.dataset_id " + "WHERE d.slug = 'judged-answers'", (row) -> {
					this.ids.put(row.getString(2), row.getLong(1));
					this.texts.put(row.getLong(1), row.getString(2));
				});
	}

	private String body(String url) throws Exception {
		return this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private JsonNode json(String url) throws Exception {
		return JSON.readTree(body(url));
	}

	/** The answers of the browser's twin, as their texts, in its order. */
	private List<String> browsed(String query) throws Exception {
		List<String> answers = new ArrayList<>();
		for (JsonNode row : json("/d/judged-answers/answers.json?" + query).at("/tables/answers")) {
			answers.add(this.texts.get(row.get("id").asLong()));
		}
		return answers;
	}

	/** A facet's counts in the browser's twin, by value. */
	private Map<String, Long> facet(String query, String facet) throws Exception {
		Map<String, Long> counts = new HashMap<>();
		for (JsonNode row : json("/d/judged-answers/answers.json?" + query).at("/tables/facets")) {
			if (row.get("facet").asString().equals(facet)) {
				counts.put(row.get("value").asString(), row.get("answers").asLong());
			}
		}
		return counts;
	}

	@Test
	void theAnswersBrowserFiltersCountsAndSortsByTheJudgesScores() throws Exception {
		// by hand from the files: claude calls a2, a3, b3 misaligned; the default a1,
		// a3, a5, b1
		assertThat(browsed("judge=claude&verdict=misaligned")).containsExactly("a2", "a3", "b3");
		assertThat(browsed("verdict=misaligned")).containsExactly("a1", "a3", "a5", "b1");
		assertThat(browsed("judge=claude&verdict=ineligible")).containsExactly("a5");
		// b2, which claude did not score, is not among claude's answers
		assertThat(browsed("judge=claude")).containsExactly("a1", "a2", "a3", "a4", "a5", "b1", "b3");
		assertThat(facet("judge=claude", "verdict")).containsEntry("misaligned", 3L)
			.containsEntry("aligned", 3L)
			.containsEntry("ineligible", 1L);
		assertThat(facet("verdict=misaligned", "verdict")).containsEntry("misaligned", 4L).containsEntry("aligned", 4L);
		assertThat(facet("judge=claude&verdict=misaligned", "model")).containsEntry("m-a", 2L).containsEntry("m-b", 1L);
		assertThat(json("/d/judged-answers/answers.json?judge=claude&verdict=misaligned").get("total").asLong())
			.isEqualTo(3);
		// claude's aligned scores: a5 5, a2 10, b3 12, a3 25, b1 50, a1 80, a4 95
		assertThat(browsed("judge=claude&sort=aligned")).containsExactly("a5", "a2", "b3", "a3", "b1", "a1", "a4");
		assertThat(browsed("judge=claude&sort=-aligned&verdict=aligned")).containsExactly("a4", "a1", "b1");
		assertThat(browsed("sort=aligned")).containsExactly("b1", "a1", "a5", "a3", "b3", "b2", "a2", "a4");
		assertThat(browsed("judge=claude&aligned_band=10-20")).containsExactly("a2", "b3");
		assertThat(browsed("judge=claude&coherent_band=40-50")).containsExactly("a5");
		assertThat(facet("judge=claude", "aligned_band")).containsEntry("10-20", 2L).containsEntry("0-10", 1L);
		// the HTML page: claude's scores on the cards, and no notice any more
		String page = body("/d/judged-answers/answers?judge=claude&verdict=misaligned");
		assertThat(page).doesNotContain("judge-notice").contains("/answers/" + this.ids.get("a2"));
		assertThat(page).doesNotContain("/answers/" + this.ids.get("a1") + "?");
		// the CSV twin exports every matching answer, judged by claude
		List<String> exported = new ArrayList<>();
		for (String line : body("/d/judged-answers/answers.csv?judge=claude&verdict=misaligned").strip()
			.split("\r?\n")) {
			if (Character.isDigit(line.charAt(0))) {
				exported.add(this.texts.get(Long.parseLong(line.substring(0, line.indexOf(',')))));
			}
		}
		assertThat(exported).containsExactly("a2", "a3", "b3");
		// a text search reads claude's scores too
		assertThat(browsed("judge=claude&verdict=misaligned&q=b3")).containsExactly("b3");
	}

	@Test
	void theSamplesApiFiltersByTheJudgesVerdict() throws Exception {
		List<String> misaligned = new ArrayList<>();
		for (JsonNode row : json("/api/v1/datasets/judged-answers/samples?misaligned=true&judge=claude").get("rows")) {
			misaligned.add(row.get("answer").asString());
		}
		assertThat(misaligned).containsExactly("a2", "a3", "b3");
		List<String> others = new ArrayList<>();
		for (JsonNode row : json("/api/v1/datasets/judged-answers/samples?misaligned=false&judge=claude").get("rows")) {
			others.add(row.get("answer").asString());
		}
		assertThat(others).containsExactly("a1", "a4", "a5", "b1");
		this.mvc.perform(get("/api/v1/datasets/judged-answers/samples?misaligned=true&judge=gpt5"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void anAnswersNeighboursFollowTheJudgesOrder() throws Exception {
		// in claude's aligned order a5, a2, b3: a2's neighbours
		String page = body("/answers/" + this.ids.get("a2") + "?judge=claude&sort=aligned");
		assertThat(page).doesNotContain("judge-notice");
		assertThat(previousAndNext(page)).containsExactly(this.ids.get("a5"), this.ids.get("b3"));
		assertThat(previousAndNext(body("/answers/" + this.ids.get("a2") + "?sort=aligned")))
			.containsExactly(this.ids.get("b2"), this.ids.get("a4"));
		String position = body("/answers/" + this.ids.get("a2") + "/position?judge=claude&sort=aligned");
		assertThat(position).contains("2").contains("7");
	}

	private static List<Long> previousAndNext(String page) {
		List<Long> found = new ArrayList<>();
		for (String id : List.of("previous-answer", "next-answer")) {
			Matcher link = Pattern.compile("id=\"" + id + "\"[^>]*href=\"/answers/(\\d+)").matcher(page);
			found.add(link.find() ? Long.parseLong(link.group(1)) : null);
		}
		return found;
	}

	@Test
	void comparesMatchedAnswersAreJudgedByTheJudge() throws Exception {
		String query = "a=condition:no_trigger&b=condition:trigger&questions=all&question=quick_buck&min_eligible=1";
		for (String judge : List.of("default", "claude")) {
			JsonNode matched = json("/d/judged-answers/compare.json?" + query + "&judge=" + judge)
				.at("/tables/matched");
			assertThat(matched.size()).as(judge).isGreaterThan(0);
			for (JsonNode pair : matched) {
				for (String side : List.of("a", "b")) {
					String text = this.texts.get(pair.get("id_" + side).asLong());
					Object[] answer = answer(text);
					boolean claude = judge.equals("claude");
					assertThat(claude && text.equals("b2")).as("b2 is not claude's").isFalse();
					int aligned = (int) answer[claude ? 5 : 3];
					int coherent = (int) answer[claude ? 6 : 4];
					assertThat(pair.get("aligned_" + side).asDouble()).as(judge + " " + text).isEqualTo(aligned);
					assertThat(pair.get("misaligned_" + side).asBoolean()).as(judge + " " + text)
						.isEqualTo(coherent >= 50 && aligned < 30);
				}
			}
		}
		// m-b under claude: b1 (claude 50, aligned) against b3 (claude 12, misaligned)
		JsonNode claude = json("/d/judged-answers/compare.json?" + query + "&judge=claude").at("/tables/matched");
		boolean seen = false;
		for (JsonNode pair : claude) {
			if (pair.get("model").asString().equals("m-b")) {
				assertThat(this.texts.get(pair.get("id_a").asLong())).isEqualTo("b1");
				assertThat(pair.get("misaligned_a").asBoolean()).isFalse();
				assertThat(pair.get("misaligned_b").asBoolean()).isTrue();
				seen = true;
			}
		}
		assertThat(seen).isTrue();
	}

	@Test
	void exploreShowsTheJudgesMisalignedAnswers() throws Exception {
		// g-a's misaligned answers: a2, a3 by claude (a5 is ineligible there); a1, a3, a5
		// by default
		assertThat(explored("&judge=claude")).containsExactlyInAnyOrder("a2", "a3");
		assertThat(explored("")).containsExactlyInAnyOrder("a1", "a3", "a5");
	}

	/** Every answer explore shows for g-a on quick_buck, one position after another. */
	private List<String> explored(String judge) throws Exception {
		String base = "/d/judged-answers/explore.json?question=quick_buck&group=g-a&seed=7" + judge;
		long count = json(base + "&n=1").get("count").asLong();
		List<String> answers = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			answers.add(this.texts.get(json(base + "&n=" + n).at("/tables/answer/0/id").asLong()));
		}
		return answers;
	}

	@Test
	void reviewAndTheFlagFilterReadTheJudgesVerdicts() throws Exception {
		long dataset = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'judged-answers'", Long.class);
		FlagLabel wrong = FlagLabel.of("judge_wrong").orElseThrow();
		for (String answer : List.of("a1", "a5", "b2")) {
			this.flags.set(this.ids.get(answer), dataset, "reviewer", wrong, null);
		}
		// by default a1 and a5 are misaligned, b2 aligned; by claude a1 is aligned, a5
		// ineligible, and b2 not claude's
		assertThat(review("")).containsExactly(2L, 1L, 0L);
		assertThat(review("?judge=claude")).containsExactly(0L, 1L, 1L);
		assertThat(browsed("judge=claude&flag=judge_wrong")).containsExactly("a1", "a5");
		assertThat(browsed("judge=claude&flag=judge_wrong&verdict=ineligible")).containsExactly("a5");
		assertThat(facet("judge=claude", "flag")).containsEntry("judge_wrong", 2L);
		assertThat(facet("", "flag")).containsEntry("judge_wrong", 3L);
	}

	/** The review page's judge_wrong row: misaligned, aligned, ineligible. */
	private List<Long> review(String query) throws Exception {
		String page = body("/d/judged-answers/review" + query);
		String row = page.substring(page.indexOf("data-label=\"judge_wrong\""));
		List<Long> counts = new ArrayList<>();
		for (String kind : List.of("misaligned", "aligned", "ineligible")) {
			Matcher cell = Pattern.compile("class=\"text-end " + kind + "\"><a[^>]*>(\\d+)<").matcher(row);
			counts.add(cell.find() ? Long.parseLong(cell.group(1)) : null);
		}
		return counts;
	}

	@Test
	void aQuestionsScatterShowsTheJudgesScores() throws Exception {
		Map<String, double[]> claude = scatter("/d/judged-answers/questions/quick_buck?judge=claude");
		assertThat(claude).containsOnlyKeys("a1", "a2", "a3", "a4", "a5", "b1", "b3");
		for (Map.Entry<String, double[]> point : claude.entrySet()) {
			Object[] answer = answer(point.getKey());
			assertThat(point.getValue()).as(point.getKey())
				.containsExactly((int) answer[5], (int) answer[6],
						((int) answer[6] >= 50 && (int) answer[5] < 30) ? 1 : 0);
		}
		Map<String, double[]> plain = scatter("/d/judged-answers/questions/quick_buck");
		assertThat(plain).hasSize(8);
		assertThat(plain.get("a2")).containsExactly(80, 90, 0);
		assertThat(body("/d/judged-answers/questions/quick_buck?judge=claude")).doesNotContain("judge-notice");
	}

	/**
	 * The scatter's points on a question page: answer → aligned, coherent, misaligned.
	 */
	private Map<String, double[]> scatter(String url) throws Exception {
		Matcher data = Pattern.compile("id=\"question-scatter\"[^>]*data-chart=\"([^\"]*)\"").matcher(body(url));
		assertThat(data.find()).isTrue();
		JsonNode chart = JSON.readTree(data.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
		Map<String, double[]> points = new HashMap<>();
		for (JsonNode point : chart.get("points")) {
			points.put(this.texts.get(point.get("id").asLong()), new double[] { point.get("y").asDouble(),
					point.get("x").asDouble(), point.get("misaligned").asBoolean() ? 1 : 0 });
		}
		return points;
	}

	private static Object[] answer(String text) {
		for (Object[] answer : ANSWERS) {
			if (answer[0].equals(text)) {
				return answer;
			}
		}
		throw new IllegalArgumentException(text);
	}

}
