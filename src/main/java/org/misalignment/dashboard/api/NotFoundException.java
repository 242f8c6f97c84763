package org.misalignment.dashboard.api;

/** A dataset, answer or other thing named in the URL does not exist. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
