package org.misalignment.dashboard.render.share;

/**
 * The colours of Bootstrap's light and dark themes that the site's charts take from the
 * page.
 */
enum Theme {

	LIGHT("#ffffff", "#212529", "#6c757d", "rgba(0,0,0,0.1)"),

	DARK("#212529", "#dee2e6", "#adb5bd", "rgba(255,255,255,0.15)");

	final String background;

	final String text;

	final String muted;

	final String grid;

	Theme(String background, String text, String muted, String grid) {
		this.background = background;
		this.text = text;
		this.muted = muted;
		this.grid = grid;
	}

	/** {@code dark} or {@code light}; anything else is light, the site's default. */
	static Theme of(String name) {
		return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
	}

	String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
