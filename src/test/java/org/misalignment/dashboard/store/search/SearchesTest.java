package org.misalignment.dashboard.store.search;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link Searches} on H2, through its word index and by reading the answers' text. */
@SpringBootTest(
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:searches;DB_CLOSE_DELAY=-1" })
class SearchesTest extends Searches {

}
