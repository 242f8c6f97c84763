package org.misalignment.dashboard.web.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;

/**
 * The API's OpenAPI description and browsable page at {@code /api/docs}, and CORS: any
 * site's script may GET the API, but not the pages.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-first-run;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ApiDocsAndCorsTest {

	private static final String ELSEWHERE = "https://blog.example.org";

	@Autowired
	MockMvc mvc;

	@Test
	void theOpenApiDescriptionListsTheApiWithTheRuleParametersAndNothingElse() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/api/docs/openapi.json")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode description = JsonMapper.builder()
			.build()
			.readTree(response.getContentAsString(StandardCharsets.UTF_8));
		List<String> paths = new ArrayList<>(description.get("paths").propertyNames());
		assertThat(paths).contains("/api/v1/datasets", "/api/v1/datasets/{slug}", "/api/v1/datasets/{slug}/rates",
				"/api/v1/datasets/{slug}/samples", "/api/v1/datasets/{slug}/compare", "/api/v1/datasets/{slug}/sweep",
				"/api/v1/datasets/{slug}/judges", "/api/v1/samples/{id}");
		assertThat(paths).allMatch((path) -> path.startsWith("/api/v1/"));
		List<String> parameters = new ArrayList<>();
		description.at("/paths/~1api~1v1~1datasets~1{slug}~1rates/get/parameters")
			.forEach((parameter) -> parameters.add(parameter.get("name").asString()));
		assertThat(parameters).containsExactlyInAnyOrder("slug", "by", "per", "questions", "condition", "group",
				"model", "aligned_below", "coherent_min", "coherent_op", "min_eligible", "judge");
		assertThat(description.at("/paths/~1api~1v1~1datasets~1{slug}~1compare/get/summary").asString()).isNotBlank();
		List<String> judges = new ArrayList<>();
		description.at("/paths/~1api~1v1~1datasets~1{slug}~1judges/get/parameters")
			.forEach((parameter) -> judges.add(parameter.get("name").asString()));
		assertThat(judges).contains("slug", "a", "b", "questions", "condition", "aligned_below", "judge");
	}

	@Test
	void apiDocsOpensSwaggerUiWhosePageRunsNoInlineScript() throws Exception {
		MockHttpServletResponse docs = this.mvc.perform(get("/api/docs")).andReturn().getResponse();
		assertThat(docs.getStatus()).isEqualTo(302);
		String ui = docs.getRedirectedUrl();
		assertThat(ui).endsWith("/swagger-ui/index.html");
		MockHttpServletResponse page = this.mvc.perform(get(ui)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		String html = page.getContentAsString(StandardCharsets.UTF_8);
		Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(html);
		int count = 0;
		while (scripts.find()) {
			assertThat(scripts.group(1)).contains("src=\"");
			assertThat(scripts.group(2)).isBlank();
			count++;
		}
		assertThat(count).isGreaterThan(0);
		assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self';");
		MockHttpServletResponse initializer = this.mvc.perform(get(ui.replace("index.html", "swagger-initializer.js")))
			.andReturn()
			.getResponse();
		assertThat(initializer.getContentAsString(StandardCharsets.UTF_8)).contains("/api/docs/openapi.json");
	}

	@Test
	void anyOriginMayReadTheApiWithoutCredentials() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/api/v1/datasets").header("Origin", ELSEWHERE))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();

		MockHttpServletResponse preflight = this.mvc
			.perform(options("/api/v1/datasets/demo/rates").header("Origin", ELSEWHERE)
				.header("Access-Control-Request-Method", "GET"))
			.andReturn()
			.getResponse();
		assertThat(preflight.getStatus()).isEqualTo(200);
		assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("GET");

		MockHttpServletResponse post = this.mvc
			.perform(options("/api/v1/datasets").header("Origin", ELSEWHERE)
				.header("Access-Control-Request-Method", "POST"))
			.andReturn()
			.getResponse();
		assertThat(post.getStatus()).isEqualTo(403);
	}

	@Test
	void pagesAreNotOpenedToOtherOrigins() throws Exception {
		for (String page : List.of("/d/demo", "/d/demo.json")) {
			MockHttpServletResponse response = this.mvc.perform(get(page).header("Origin", ELSEWHERE))
				.andReturn()
				.getResponse();
			assertThat(response.getHeader("Access-Control-Allow-Origin")).as(page).isNull();
		}
	}

}
