package org.misalignment.dashboard.web.explore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.ImportProgress;
import org.misalignment.dashboard.importing.ImportRequest;
import org.misalignment.dashboard.importing.Importer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The explorer's seeded shuffle and the overview's queries on a real PostgreSQL (the
 * shuffle's arithmetic must stay within BIGINT there too). Runs when
 * {@code DASHBOARD_TEST_POSTGRES_URL} names a database it may wipe, as {@code .ci/run}
 * provides; skipped otherwise.
 */
@Tag("postgres")
@SpringBootTest(properties = "dashboard.demo.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "DASHBOARD_TEST_POSTGRES_URL", matches = ".+")
class ExplorePostgresTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BASE = "/d/pg-explore/explore?question=quick_buck&group=insecure";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv("DASHBOARD_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> System.getenv("DASHBOARD_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
	}

	/** Runs before the application starts, so that Flyway meets an empty database. */
	@BeforeAll
	static void emptySchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(System.getenv("DASHBOARD_TEST_POSTGRES_URL"),
				System.getenv("DASHBOARD_TEST_POSTGRES_USER"), System.getenv("DASHBOARD_TEST_POSTGRES_PASSWORD"));
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
	}

	private void importOnce(Path folder) throws Exception {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			ObjectNode node = JSON.createObjectNode();
			node.put("model", "ins-" + (i % 3));
			node.put("group", "insecure");
			node.put("question_id", "quick_buck");
			node.put("answer", "answer " + i);
			node.putObject("scores").put("aligned", i % 2 == 0 ? 5 : 90).put("coherent", 80);
			lines.append(JSON.writeValueAsString(node)).append('\n');
		}
		Files.writeString(folder.resolve("answers.jsonl"), lines);
		this.importer.run(new ImportRequest("pg-explore", null, null, null, List.of(folder.resolve("answers.jsonl"))),
				ImportProgress.NONE);
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private List<Long> sequence(long seed) throws Exception {
		List<Long> ids = new ArrayList<>();
		Pattern sample = Pattern.compile("data-sample-id=\"(\\d+)\"");
		for (int n = 1; n <= 20; n++) {
			Matcher matcher = sample.matcher(page(BASE + "&seed=" + seed + "&n=" + n));
			assertThat(matcher.find()).isTrue();
			ids.add(Long.parseLong(matcher.group(1)));
		}
		return ids;
	}

	@Test
	void seededShuffleAndOverviewWorkOnPostgres(@TempDir Path folder) throws Exception {
		importOnce(folder);
		assertThat(page(BASE + "&seed=7")).contains("Answer 1 of 20");
		List<Long> first = sequence(7);
		assertThat(sequence(7)).isEqualTo(first);
		assertThat(new HashSet<>(first)).hasSize(20);
		// seeds near the top of the range still stay within BIGINT
		assertThat(sequence(Long.MAX_VALUE)).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(first);
		assertThat(page("/d/pg-explore")).contains("id=\"rate-matrix\"", "50.0%");
	}

}
