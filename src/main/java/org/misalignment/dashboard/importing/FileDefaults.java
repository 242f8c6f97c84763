package org.misalignment.dashboard.importing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an import says about a file's answers when the file does not: the model and group
 * (eval CSVs hold one model and do not name it) and the condition. Any of them may be
 * {@code null}. The {@code attributes} (a manifest entry's, the command's
 * {@code --attribute}) belong to every model the file names.
 */
public record FileDefaults(String model, String group, String condition, Map<String, String> attributes) {

	public FileDefaults {
		attributes = (attributes == null) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	public FileDefaults(String model, String group, String condition) {
		this(model, group, condition, Map.of());
	}

	/** These defaults with these attributes over the ones they have. */
	FileDefaults withAttributes(Map<String, String> more) {
		Map<String, String> merged = new LinkedHashMap<>(this.attributes);
		merged.putAll(more);
		return new FileDefaults(this.model, this.group, this.condition, merged);
	}

	/** These defaults where set, else the other's; attributes of both, these first. */
	FileDefaults or(FileDefaults other) {
		Map<String, String> merged = new LinkedHashMap<>(other.attributes);
		merged.putAll(this.attributes);
		return new FileDefaults((this.model != null) ? this.model : other.model,
				(this.group != null) ? this.group : other.group,
				(this.condition != null) ? this.condition : other.condition, merged);
	}

	/**
	 * Part of a file's identity: the same bytes imported as another model are another
	 * import. Attributes are not: importing a file again with other attributes is
	 * skipped.
	 */
	String key() {
		return "model=" + nullToEmpty(this.model) + ";group=" + nullToEmpty(this.group) + ";condition="
				+ nullToEmpty(this.condition);
	}

	private static String nullToEmpty(String text) {
		return (text != null) ? text : "";
	}

}
