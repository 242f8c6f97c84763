package org.misalignment.dashboard.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link Viewer} into every page, for the nav's "Sign in" / user and logout. */
@ControllerAdvice(annotations = Controller.class)
class ViewerModel {

	private final RoleHierarchy roles;

	ViewerModel(ObjectProvider<RoleHierarchy> roles) {
		this.roles = roles.getIfAvailable(() -> RoleHierarchyImpl.fromHierarchy(""));
	}

	@ModelAttribute("viewer")
	Viewer viewer() {
		return Viewer.current(this.roles);
	}

}
