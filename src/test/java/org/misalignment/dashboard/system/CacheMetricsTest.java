package org.misalignment.dashboard.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caches' hit statistics through Actuator on the management port:
 * {@code /actuator/metrics} answers admins only (with their password, as a script sends
 * it) while health stays public, and a count asked for twice is a hit of
 * {@code cell-counts}.
 */
@TrustContext
class CacheMetricsTest {

	private static final String CELL_COUNTS = "/actuator/metrics/cache.gets";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void onlyAdminsReadTheMetricsWhileHealthStaysPublic() throws Exception {
		assertThat(Http.get(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
		for (String metrics : new String[] { "/actuator/metrics", CELL_COUNTS }) {
			HttpResponse<String> anonymous = Http.get(this.managementPort, metrics);
			assertThat(anonymous.statusCode()).as(metrics).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(metrics)
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("Basic"));
			assertThat(Http.get(this.managementPort, metrics, TrustContext.ADMIN, "wrong").statusCode()).as(metrics)
				.isEqualTo(401);
			assertThat(Http.get(this.managementPort, metrics, TrustContext.REVIEWER, TrustContext.REVIEWER_PASSWORD)
				.statusCode()).as(metrics).isEqualTo(403);
			assertThat(admin(metrics).statusCode()).as(metrics).isEqualTo(200);
		}
		// an endpoint that is not exposed is not there, for anyone (one exposed some day
		// falls under the admins' rule: SecurityConfiguration matches every exposed one)
		assertThat(Http.get(this.managementPort, "/actuator/env").statusCode()).isEqualTo(404);
		assertThat(admin("/actuator/env").statusCode()).isEqualTo(404);
	}

	@Test
	void everyCacheIsRegistered() throws Exception {
		HttpResponse<String> response = admin(CELL_COUNTS);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> caches = JsonPath.read(response.body(), "$.availableTags[?(@.tag == 'cache')].values[*]");
		assertThat(caches).contains("cell-counts", "bootstrap-intervals");
	}

	@Test
	void aCountAskedForTwiceIsAHit(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("cache-metrics", this.importer, this.jdbc, folder);
		String rates = "/api/v1/datasets/cache-metrics/rates";
		assertThat(Http.get(this.port, rates).statusCode()).isEqualTo(200);
		double hits = gets("hit");
		double misses = gets("miss");
		assertThat(Http.get(this.port, rates).statusCode()).isEqualTo(200);
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
		assertThat(Http.get(this.port, "/d/import-metrics").statusCode()).isEqualTo(200);
		assertThat(measurement("dashboard.imported.answers")).isEqualTo(imported + 6);
		assertThat(measurement("dashboard.imports")).isPositive();
		assertThat(measurement("http.server.requests")).isPositive();
		for (String meter : List.of("hikaricp.connections.active", "hikaricp.connections.pending", "jvm.memory.used",
				"process.cpu.usage", "dashboard.import.duration")) {
			assertThat(admin("/actuator/metrics/" + meter).statusCode()).as(meter).isEqualTo(200);
		}
	}

	/** The first measurement of a meter (a count or a value), 0 when it has none yet. */
	private double measurement(String meter) throws Exception {
		HttpResponse<String> response = admin("/actuator/metrics/" + meter);
		if (response.statusCode() == 404) {
			return 0;
		}
		return JsonPath.<Number>read(response.body(), "$.measurements[0].value").doubleValue();
	}

	/**
	 * How many look-ups of {@code cell-counts} had this result ({@code hit} or
	 * {@code miss}).
	 */
	private double gets(String result) throws Exception {
		HttpResponse<String> response = admin(CELL_COUNTS + "?tag=cache:cell-counts&tag=result:" + result);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.<Number>read(response.body(), "$.measurements[0].value").doubleValue();
	}

	private HttpResponse<String> admin(String path) throws Exception {
		return Http.get(this.managementPort, path, TrustContext.ADMIN, TrustContext.ADMIN_PASSWORD);
	}

}
