package org.misalignment.dashboard.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator answers on the management port only: the public port serves nothing under
 * {@code /actuator} (404) but the probes a load balancer asks for ({@code /livez},
 * {@code /readyz}, without a login); the management port gives Prometheus its scrape
 * without a login, holding what an operator graphs: request timings by route, the
 * connection pool, the caches and the imports.
 */
@TrustContext
class ManagementPortTest {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void thePublicPortServesNoActuatorButTheProbes() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/readiness",
				"/actuator/prometheus", "/actuator/metrics" }) {
			assertThat(Http.get(this.port, path).statusCode()).as(path).isEqualTo(404);
		}
		for (String probe : new String[] { "/livez", "/readyz" }) {
			HttpResponse<String> response = Http.get(this.port, probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"UP\"");
			assertThat(response.headers().firstValue("Cache-Control")).as(probe)
				.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		}
	}

	@Test
	void theManagementPortReportsLivenessAndReadiness() throws Exception {
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			HttpResponse<String> response = Http.get(this.managementPort, probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"UP\"");
		}
	}

	@Test
	void prometheusScrapesTheMetersAnOperatorGraphsWithoutALogin(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("scraped", this.importer, this.jdbc, folder);
		assertThat(Http.get(this.port, "/d/scraped").statusCode()).isEqualTo(200);
		assertThat(Http.get(this.port, "/api/v1/datasets/scraped/rates").statusCode()).isEqualTo(200);

		HttpResponse<String> scrape = Http.get(this.managementPort, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(scrape.body())
			// request timings by route, as a histogram for percentiles
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/d/\\{slug}\"")
			.contains("http_server_requests_seconds_count{")
			// the database pool
			.contains("hikaricp_connections_active{", "hikaricp_connections_pending{")
			// the caches' hits and misses
			.containsPattern("cache_gets_total\\{[^}]*cache=\"cell-counts\"")
			// the imports
			.containsPattern("dashboard_imports_total\\{[^}]*outcome=\"imported\"")
			.contains("dashboard_imported_answers_total", "dashboard_import_duration_seconds_count");
	}

}
