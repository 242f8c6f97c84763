package org.misalignment.dashboard.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.importing.Importer;
import org.misalignment.dashboard.store.catalog.DatasetAdmin;
import org.misalignment.dashboard.store.flags.FlagLabel;
import org.misalignment.dashboard.store.flags.ReviewerFlags;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

/**
 * Public pages, twins and API answers are tagged and revalidated without being computed
 * again; a change readers can see (an import, a dataset hidden, a flag) gives every page
 * a new tag; nothing a signed-in user or an error gets is tagged.
 */
@TrustContext
class PublicCachingTest {

	private static final String TAG = "W/\"[0-9a-f]{32}\"";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Importer importer;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DatasetAdmin datasets;

	@Autowired
	private ReviewerFlags flags;

	@Autowired
	private MeterRegistry meters;

	private MockHttpServletResponse read(String url, String ifNoneMatch) throws Exception {
		var request = get(url);
		if (ifNoneMatch != null) {
			request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	/** How many times the rate counts were looked up, kept or not. */
	private double countLookups() {
		return this.meters.find("cache.gets")
			.tag("cache", "cell-counts")
			.functionCounters()
			.stream()
			.mapToDouble(FunctionCounter::count)
			.sum();
	}

	@Test
	void aRepeatViewIsNotModifiedAndNotComputedAgain(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("etag-page", this.importer, this.jdbc, folder);
		MockHttpServletResponse first = read("/d/etag-page", null);
		assertThat(first.getStatus()).isEqualTo(200);
		String etag = first.getHeader(HttpHeaders.ETAG);
		assertThat(etag).matches(TAG);
		assertThat(first.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=0, s-maxage=60");

		double lookups = countLookups();
		MockHttpServletResponse again = read("/d/etag-page", etag);
		assertThat(again.getStatus()).isEqualTo(304);
		assertThat(again.getContentAsByteArray()).isEmpty();
		assertThat(again.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
		assertThat(again.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=0, s-maxage=60");
		assertThat(countLookups()).as("rate counts looked up for a 304").isEqualTo(lookups);

		// as a browser or proxy may send it: among others, or strong
		assertThat(read("/d/etag-page", "\"other\", " + etag).getStatus()).isEqualTo(304);
		assertThat(read("/d/etag-page", etag.substring(2)).getStatus()).isEqualTo(304);
		assertThat(this.mvc.perform(head("/d/etag-page").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(304);
		MockHttpServletResponse other = read("/d/etag-page", "\"0123456789abcdef0123456789abcdef\"");
		assertThat(other.getStatus()).isEqualTo(200);
		assertThat(other.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
		assertThat(other.getContentAsString()).contains("etag-page");
	}

	@Test
	void twinsAndTheApiAreTaggedPerAddress(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("etag-twins", this.importer, this.jdbc, folder);
		List<String> urls = List.of("/d/etag-twins.json", "/d/etag-twins.csv?table=matrix", "/api/v1/datasets",
				"/api/v1/datasets/etag-twins/rates", "/api/v1/datasets/etag-twins/rates?aligned_below=40",
				"/d/etag-twins/answers");
		List<String> tags = new ArrayList<>();
		for (String url : urls) {
			MockHttpServletResponse response = read(url, null);
			assertThat(response.getStatus()).as(url).isEqualTo(200);
			assertThat(response.getHeader(HttpHeaders.ETAG)).as(url).matches(TAG);
			assertThat(read(url, response.getHeader(HttpHeaders.ETAG)).getStatus()).as(url).isEqualTo(304);
			tags.add(response.getHeader(HttpHeaders.ETAG));
		}
		assertThat(tags).doesNotHaveDuplicates();
	}

	@Test
	void whatReadersCanSeeChangingGivesNewTags(@TempDir Path folder) throws Exception {
		List<Long> answers = SmallAnswers.importAs("etag-change", this.importer, this.jdbc, folder.resolve("a"));
		String list = "/api/v1/datasets";
		String before = read(list, null).getHeader(HttpHeaders.ETAG);

		this.datasets.hide("etag-change", true);
		MockHttpServletResponse hidden = read(list, before);
		assertThat(hidden.getStatus()).isEqualTo(200);
		assertThat(hidden.getContentAsString()).doesNotContain("etag-change");
		String afterHiding = hidden.getHeader(HttpHeaders.ETAG);
		assertThat(afterHiding).isNotEqualTo(before);

		this.datasets.hide("etag-change", false);
		MockHttpServletResponse shown = read(list, afterHiding);
		assertThat(shown.getStatus()).isEqualTo(200);
		assertThat(shown.getContentAsString()).contains("etag-change");
		String afterShowing = shown.getHeader(HttpHeaders.ETAG);

		SmallAnswers.importAs("etag-another", this.importer, this.jdbc, folder.resolve("b"));
		MockHttpServletResponse imported = read(list, afterShowing);
		assertThat(imported.getStatus()).isEqualTo(200);
		assertThat(imported.getContentAsString()).contains("etag-another");
		String afterImport = imported.getHeader(HttpHeaders.ETAG);

		long dataset = this.jdbc.queryForObject("SELECT id FROM dataset WHERE slug = 'etag-change'", Long.class);
		this.flags.set(answers.get(0), dataset, TrustContext.REVIEWER, FlagLabel.NOTABLE, null);
		assertThat(read(list, afterImport).getStatus()).isEqualTo(200);
	}

	@Test
	void nothingSignedInErrorsOrSignInPagesGetIsTagged(@TempDir Path folder) throws Exception {
		SmallAnswers.importAs("etag-private", this.importer, this.jdbc, folder);
		String etag = read("/d/etag-private", null).getHeader(HttpHeaders.ETAG);
		MockHttpServletResponse signedIn = this.mvc
			.perform(get("/d/etag-private").header(HttpHeaders.IF_NONE_MATCH, etag)
				.with(user(TrustContext.ADMIN).roles("ADMIN")))
			.andReturn()
			.getResponse();
		assertThat(signedIn.getStatus()).isEqualTo(200);
		assertThat(signedIn.getHeader(HttpHeaders.ETAG)).isNull();
		assertThat(signedIn.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");

		for (String url : List.of("/d/no-such-dataset", "/d/etag-private?aligned_below=abc", "/login")) {
			MockHttpServletResponse response = read(url, null);
			assertThat(response.getHeader(HttpHeaders.ETAG)).as(url).isNull();
			assertThat(String.valueOf(response.getHeader(HttpHeaders.CACHE_CONTROL))).as(url).doesNotContain("public");
		}
	}

}
