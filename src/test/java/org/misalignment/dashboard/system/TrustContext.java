package org.misalignment.dashboard.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * One application for the login, flag, import, admin and metrics tests (so they share a
 * context): an admin with a set password, a reviewer with a plain password and one with a
 * bcrypt hash, as an operator would configure them. It listens on free ports, the site's
 * and the management port's ({@code @LocalServerPort}, {@code @LocalManagementPort}), for
 * what MockMvc cannot reach.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dashboard.demo.enabled=false", "spring.datasource.url=jdbc:h2:mem:trust;DB_CLOSE_DELAY=-1",
				"dashboard.admin.password=admin-secret", "dashboard.users[0].name=rita",
				"dashboard.users[0].password=rita-secret", "dashboard.users[0].roles=REVIEWER",
				"dashboard.users[1].name=bob",
				"dashboard.users[1].password={bcrypt}$2a$10$moa01z1lBjjzTXS.2C2iguL7juXOopEQHGRicYtJ5RSUxZt/vffwu" })
@AutoConfigureMockMvc
public @interface TrustContext {

	String ADMIN = "admin";

	String ADMIN_PASSWORD = "admin-secret";

	String REVIEWER = "rita";

	String REVIEWER_PASSWORD = "rita-secret";

	/**
	 * Its password is configured as a bcrypt hash of "bob-secret"; no roles given, so
	 * REVIEWER.
	 */
	String HASHED_REVIEWER = "bob";

}
