package org.misalignment.dashboard.render.twins;

/** The two twins of a page, by the extension that asks for them. */
enum TwinFormat {

	JSON("json", "application/json"), CSV("csv", "text/csv; charset=utf-8");

	/** The request attribute that holds the format of a twin request. */
	static final String ATTRIBUTE = TwinFormat.class.getName();

	private final String extension;

	private final String contentType;

	TwinFormat(String extension, String contentType) {
		this.extension = extension;
		this.contentType = contentType;
	}

	String extension() {
		return this.extension;
	}

	String contentType() {
		return this.contentType;
	}

	/** The format a path asks for by its extension, or null. */
	static TwinFormat ofPath(String path) {
		for (TwinFormat format : values()) {
			if (path.endsWith("." + format.extension) && path.length() > format.extension.length() + 1) {
				return format;
			}
		}
		return null;
	}

}
