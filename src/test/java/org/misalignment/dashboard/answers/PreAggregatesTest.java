package org.misalignment.dashboard.answers;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link PreAggregates} on H2. */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:pre-aggregates;DB_CLOSE_DELAY=-1" })
class PreAggregatesTest extends PreAggregates {

}
