package org.misalignment.dashboard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A refusal answered before any page is made (busy, too many sign-ins, an upload nobody
 * asked for): a status and one line of plain text saying why and what to do.
 */
public final class PlainText {

	private PlainText() {
	}

	public static void send(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
	}

}
