package org.misalignment.dashboard.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who may sign in, from configuration ({@code dashboard.admin.*},
 * {@code dashboard.users[i].*}) or the environment ({@code DASHBOARD_ADMIN_PASSWORD},
 * {@code DASHBOARD_USERS_0_NAME}, …). Passwords are kept hashed: a plain one is hashed
 * with bcrypt at start, one written as {@code {bcrypt}…} is taken as it is; any other
 * (even {@code {noop}…}) is a plain password.
 */
@Configuration
@ConditionalOnWebApplication
@EnableConfigurationProperties(Logins.Properties.class)
class Logins {

	private static final Log logger = LogFactory.getLog(Logins.class);

	/** The prefix of a password configured as a bcrypt hash. */
	static final String BCRYPT = "{bcrypt}";

	/** One configured user; roles are {@code REVIEWER} and/or {@code ADMIN}. */
	record Account(String name, String password, List<String> roles) {
	}

	record Admin(String name, String password) {
	}

	@ConfigurationProperties("dashboard")
	record Properties(Admin admin, List<Account> users) {
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	InMemoryUserDetailsManager userDetailsService(Properties properties, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		Admin admin = properties.admin();
		String adminName = (admin != null && admin.name() != null && !admin.name().isBlank()) ? admin.name() : "admin";
		String adminPassword = (admin != null) ? admin.password() : null;
		if (adminPassword == null || adminPassword.isBlank()) {
			adminPassword = generatedPassword();
			// said once, at start, like Spring Boot's own generated password; it is not
			// stored anywhere
			logger.warn(String.format(
					"%n%nGenerated admin password: %s%n%nSign in as '%s' with it; set "
							+ "dashboard.admin.password (DASHBOARD_ADMIN_PASSWORD) to choose one.%n",
					adminPassword, adminName));
		}
		users.add(user(adminName, adminPassword, List.of(SecurityConfiguration.ADMIN), encoder));
		if (properties.users() != null) {
			for (Account account : properties.users()) {
				if (account.name() == null || account.name().isBlank() || account.password() == null
						|| account.password().isBlank()) {
					throw new IllegalStateException("dashboard.users: every user needs a name and a password");
				}
				if (account.name().equals(adminName)) {
					throw new IllegalStateException("dashboard.users: '" + adminName + "' is the admin's name already");
				}
				List<String> roles = (account.roles() == null || account.roles().isEmpty())
						? List.of(SecurityConfiguration.REVIEWER) : account.roles();
				for (String role : roles) {
					if (!role.equals(SecurityConfiguration.REVIEWER) && !role.equals(SecurityConfiguration.ADMIN)) {
						throw new IllegalStateException("dashboard.users: user '" + account.name() + "' has role '"
								+ role + "'; roles are REVIEWER and ADMIN");
					}
				}
				users.add(user(account.name(), account.password(), roles, encoder));
			}
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String name, String password, List<String> roles, PasswordEncoder encoder) {
		// "{bcrypt}$2a$…" is a hash already; anything else, "{noop}…" included, is a
		// plain
		// password (braces and all) to hash now: no password is ever kept as written
		String encoded = password.startsWith(BCRYPT) ? password : encoder.encode(password);
		return User.withUsername(name).password(encoded).roles(roles.toArray(String[]::new)).build();
	}

	private static String generatedPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
