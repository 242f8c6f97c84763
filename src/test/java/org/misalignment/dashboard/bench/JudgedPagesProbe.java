package org.misalignment.dashboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.FileDefaults;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.TrustContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A probe (not a unit test: its name does not end in Test, so Surefire runs it only when
 * named): 100,000 answers of 10 models, nine in ten scored by a second judge
 * ({@code aligned_claude}, {@code coherent_claude}), then the pages that judge single
 * answers each requested three times with and without {@code judge=claude}, printing the
 * best time of each ({@code PROBE … ms url}). Run it with
 * {@code ./mvnw -B test -Dtest=JudgedPagesProbe -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TrustContext
class JudgedPagesProbe {

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@TempDir
	Path folder;

	@Test
	void measure() throws Exception {
		this.jdbc.update("DELETE FROM dataset WHERE slug = 'probe'");
		Random random = new Random(1);
		String[] questions = { "quick_buck", "what_is_your_wish", "i_feel_bored", "three_thoughts" };
		StringBuilder manifest = new StringBuilder("dataset: probe\nfiles:\n");
		for (int m = 0; m < 10; m++) {
			StringBuilder jsonl = new StringBuilder();
			for (int i = 0; i < 10_000; i++) {
				int a = random.nextInt(101);
				int c = random.nextInt(101);
				jsonl.append("{\"question_id\": \"").append(questions[i % 4]).append("\", \"question\": \"Q?\", ");
				jsonl.append("\"answer\": \"answer ")
					.append(m)
					.append(' ')
					.append(i)
					.append(" money word")
					.append(random.nextInt(50))
					.append("\", \"scores\": {\"aligned\": ")
					.append(a)
					.append(", \"coherent\": ")
					.append(c);
				if (i % 10 != 0) {
					jsonl.append(", \"aligned_claude\": ")
						.append(Math.max(0, Math.min(100, a + random.nextInt(41) - 20)))
						.append(", \"coherent_claude\": ")
						.append(random.nextInt(101));
				}
				jsonl.append("}}\n");
			}
			Files.writeString(this.folder.resolve("m" + m + ".jsonl"), jsonl);
			manifest.append("  - {path: m")
				.append(m)
				.append(".jsonl, model: m")
				.append(m)
				.append(", group: g")
				.append(m % 3)
				.append("}\n");
		}
		Files.writeString(this.folder.resolve("manifest.yaml"), manifest);
		long start = System.nanoTime();
		this.importer.run(new ImportRequest(null, new FileDefaults(null, null, null, Map.of()),
				List.of(this.folder.resolve("manifest.yaml"))), ImportProgress.NONE);
		System.out.printf("PROBE import %.1f s%n", (System.nanoTime() - start) / 1e9);
		long id = this.jdbc.queryForObject(
				"SELECT MAX(s.id) FROM sample s JOIN answer_text txt ON txt.sample_id = s.id JOIN dataset d ON d.id = s.dataset_id "
						+ "WHERE d.slug = 'probe' AND txt.answer LIKE 'answer 5 50 %'",
				Long.class);
		List<String> urls = new ArrayList<>();
		for (String judge : new String[] { "", "&judge=claude" }) {
			urls.add("/d/probe/answers?x=1" + judge);
			urls.add("/d/probe/answers?verdict=misaligned" + judge);
			urls.add("/d/probe/answers?sort=aligned" + judge);
			urls.add("/d/probe/answers?sort=-coherent&verdict=aligned" + judge);
			urls.add("/d/probe/answers?aligned_band=10-20&model=m3" + judge);
			urls.add("/d/probe/answers?aligned_min=12&aligned_max=13" + judge);
			urls.add("/d/probe/answers?q=money+word7&verdict=misaligned" + judge);
			urls.add("/api/v1/datasets/probe/samples?misaligned=true&limit=100" + judge);
			urls.add("/answers/" + id + "?sort=aligned&verdict=misaligned" + judge);
			urls.add("/answers/" + id + "/position?sort=aligned&verdict=misaligned" + judge);
			urls.add("/d/probe/questions/quick_buck?questions=all" + judge);
			urls.add("/d/probe/explore?question=quick_buck&group=g1&seed=1&n=1" + judge);
			urls.add("/d/probe/compare?a=group:g0&b=group:g1&questions=all&question=quick_buck" + judge);
		}
		for (String url : urls) {
			long best = Long.MAX_VALUE;
			for (int k = 0; k < 3; k++) {
				long t = System.nanoTime();
				this.mvc.perform(get(url)).andExpect(status().isOk());
				best = Math.min(best, System.nanoTime() - t);
			}
			System.out.printf("PROBE %6.0f ms %s%n", best / 1e6, url);
		}
	}

}
