package org.misalignment.dashboard.web.catalog;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** {@link SmallDatasetsPages} on H2. */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:catalog-small-datasets;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
class SmallDatasetsPagesTest extends SmallDatasetsPages {

}
