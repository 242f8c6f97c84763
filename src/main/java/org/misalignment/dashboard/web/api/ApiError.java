package org.misalignment.dashboard.web.api;

/**
 * The body of an API error, {@code {"error": "…", "status": 404}}: a sentence a person
 * can act on, and the status.
 */
record ApiError(String error, int status) {
}
