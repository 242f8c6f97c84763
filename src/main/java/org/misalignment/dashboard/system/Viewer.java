package org.misalignment.dashboard.system;

import java.util.Collection;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is reading the page, as templates need it: {@code ${viewer.signedIn}},
 * {@code ${viewer.name}}, {@code ${viewer.reviewer}} (may flag), {@code ${viewer.admin}}.
 */
public record Viewer(String name, boolean reviewer, boolean admin) {

	static final Viewer ANONYMOUS = new Viewer(null, false, false);

	public boolean signedIn() {
		return this.name != null;
	}

	/** The viewer of the current request. */
	public static Viewer current(RoleHierarchy roles) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		Collection<? extends GrantedAuthority> granted = roles
			.getReachableGrantedAuthorities(authentication.getAuthorities());
		boolean reviewer = granted.stream().anyMatch((a) -> "ROLE_REVIEWER".equals(a.getAuthority()));
		boolean admin = granted.stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
		return new Viewer(authentication.getName(), reviewer, admin);
	}

}
