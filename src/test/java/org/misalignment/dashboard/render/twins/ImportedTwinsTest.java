package org.misalignment.dashboard.render.twins;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** {@link ImportedTwins} on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:imported-twins;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
class ImportedTwinsTest extends ImportedTwins {

}
