package org.misalignment.dashboard.system;

import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The caches' hit statistics through Actuator: {@code /actuator/metrics} answers admins
 * only (signed in, or with their password for a script) while health stays public, and a
 * count asked for twice is a hit of {@code cell-counts}.
 */
@TrustContext
class CacheMetricsTest {

	private static final String CELL_COUNTS = "/actuator/metrics/cache.gets";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void onlyAdminsReadTheMetricsWhileHealthStaysPublic() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		for (String metrics : new String[] { "/actuator/metrics", CELL_COUNTS }) {
			this.mvc.perform(get(metrics))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", containsString("Basic")));
			this.mvc.perform(get(metrics).with(httpBasic(TrustContext.ADMIN, "wrong")))
				.andExpect(status().isUnauthorized());
			this.mvc.perform(get(metrics).with(user(TrustContext.REVIEWER).roles("REVIEWER")))
				.andExpect(status().isForbidden());
			this.mvc.perform(get(metrics).with(httpBasic(TrustContext.REVIEWER, TrustContext.REVIEWER_PASSWORD)))
				.andExpect(status().isForbidden());
			this.mvc.perform(get(metrics).with(user(TrustContext.ADMIN).roles("ADMIN"))).andExpect(status().isOk());
			this.mvc.perform(get(metrics).with(httpBasic(TrustContext.ADMIN, TrustContext.ADMIN_PASSWORD)))
				.andExpect(status().isOk());
		}
		// another endpoint, exposed some day, would be the admins' too (and is not found
		// for them today)
		this.mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
	}

	@Test
	void everyCacheIsRegistered() throws Exception {
		this.mvc.perform(get(CELL_COUNTS).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.availableTags[?(@.tag == 'cache')].values[*]",
					hasItems("cell-counts", "bootstrap-intervals")));
	}

	@Test
	void aCountAskedForTwiceIsAHit(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("cache-metrics", this.importer, this.jdbc, folder);
		String rates = "/api/v1/datasets/cache-metrics/rates";
		this.mvc.perform(get(rates)).andExpect(status().isOk());
		double hits = gets("hit");
		double misses = gets("miss");
		this.mvc.perform(get(rates)).andExpect(status().isOk());
		assertThat(gets("hit")).isGreaterThan(hits);
		assertThat(gets("miss")).isEqualTo(misses);
	}

	/**
	 * What an operator watches: request timings, the connection pool, the JVM, and the
	 * imports (how many, how many answers) after one.
	 */
	@Test
	void requestsThePoolTheJvmAndImportsAreMeasured(@TempDir Path folder) throws Exception {
		double imported = measurement("dashboard.imported.answers");
		SmallAnswers.importAs("import-metrics", this.importer, this.jdbc, folder);
		this.mvc.perform(get("/d/import-metrics")).andExpect(status().isOk());
		assertThat(measurement("dashboard.imported.answers")).isEqualTo(imported + 6);
		assertThat(measurement("dashboard.imports")).isPositive();
		assertThat(measurement("http.server.requests")).isPositive();
		for (String meter : List.of("hikaricp.connections.active", "hikaricp.connections.pending", "jvm.memory.used",
				"process.cpu.usage", "dashboard.import.duration")) {
			this.mvc.perform(get("/actuator/metrics/" + meter).with(admin())).andExpect(status().isOk());
		}
	}

	/** The first measurement of a meter (a count or a value), 0 when it has none yet. */
	private double measurement(String meter) throws Exception {
		var response = this.mvc.perform(get("/actuator/metrics/" + meter).with(admin())).andReturn().getResponse();
		if (response.getStatus() == 404) {
			return 0;
		}
		return JsonPath.<Number>read(response.getContentAsString(), "$.measurements[0].value").doubleValue();
	}

	/**
	 * How many look-ups of {@code cell-counts} had this result ({@code hit} or
	 * {@code miss}).
	 */
	private double gets(String result) throws Exception {
		String body = this.mvc
			.perform(get(CELL_COUNTS).param("tag", "cache:cell-counts", "result:" + result).with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.<Number>read(body, "$.measurements[0].value").doubleValue();
	}

	private static RequestPostProcessor admin() {
		return httpBasic(TrustContext.ADMIN, TrustContext.ADMIN_PASSWORD);
	}

}
