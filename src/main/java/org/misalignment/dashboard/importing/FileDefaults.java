package org.misalignment.dashboard.importing;

/**
 * What an import says about a file's answers when the file does not: the model and group
 * (eval CSVs hold one model and do not name it) and the condition. Any of them may be
 * {@code null}.
 */
public record FileDefaults(String model, String group, String condition) {

	/** These defaults where set, else the other's. */
	FileDefaults or(FileDefaults other) {
		return new FileDefaults((this.model != null) ? this.model : other.model,
				(this.group != null) ? this.group : other.group,
				(this.condition != null) ? this.condition : other.condition);
	}

	/**
	 * Part of a file's identity: the same bytes imported as another model are another
	 * import.
	 */
	String key() {
		return "model=" + nullToEmpty(this.model) + ";group=" + nullToEmpty(this.group) + ";condition="
				+ nullToEmpty(this.condition);
	}

	private static String nullToEmpty(String text) {
		return (text != null) ? text : "";
	}

}
