package org.misalignment.dashboard.render.share;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.system.SmallAnswers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configured as operations.md says for a reverse proxy ({@code native}, the proxy's
 * address named), the share panel's links name the host and scheme the proxy forwards; a
 * client at any other address is not believed (the default, {@code none}, believes
 * nobody: EmbedsAndImagesTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:proxy;DB_CLOSE_DELAY=-1",
				"server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1" })
class BehindAProxyTest {

	@LocalServerPort
	private int port;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theConfiguredProxysHostAndSchemeNameTheLinks(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("proxied", this.importer, this.jdbc, folder);
		Http http = new Http(this.port);
		String proxied = http
			.get("/d/proxied", "X-Forwarded-Host", "results.example.org", "X-Forwarded-Proto", "https",
					"X-Forwarded-Port", "443")
			.body();
		assertThat(proxied).contains("https://results.example.org/d/proxied?");
	}

}
