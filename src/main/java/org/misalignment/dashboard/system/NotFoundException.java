package org.misalignment.dashboard.system;

/** A dataset, answer or other thing named in the URL does not exist. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
