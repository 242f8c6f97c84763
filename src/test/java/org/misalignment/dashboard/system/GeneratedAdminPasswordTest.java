package org.misalignment.dashboard.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With no admin password configured, one is generated at start, logged once, and signs
 * the admin in; and an upload over the configured limit is refused with that limit named.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:generated-admin;DB_CLOSE_DELAY=-1", "dashboard.import.max-upload-size=1KB" })
@AutoConfigureMockMvc
class GeneratedAdminPasswordTest {

	@Autowired
	private MockMvc mvc;

	@Test
	void theGeneratedPasswordIsLoggedOnceAndSignsTheAdminIn(CapturedOutput output) throws Exception {
		Matcher generated = Pattern.compile("Generated admin password: (\\S+)").matcher(output.getAll());
		assertThat(generated.find()).as("the password in the log").isTrue();
		String password = generated.group(1);
		assertThat(generated.find()).as("a second password line").isFalse();
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);

		this.mvc.perform(formLogin("/login").user("admin").password("admin")).andExpect(unauthenticated());
		this.mvc.perform(formLogin("/login").user("admin").password(password))
			.andExpect(authenticated().withUsername("admin").withRoles("ADMIN"));
	}

	@Test
	void anUploadOverTheLimitIsRefusedNamingTheLimit() throws Exception {
		MockMultipartFile large = new MockMultipartFile("files", "large.jsonl", "application/octet-stream",
				new byte[4096]);
		String form = this.mvc
			.perform(multipart("/admin/import").file(large).with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).contains("larger than this site accepts in one upload (1024B");
	}

}
