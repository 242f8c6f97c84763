package org.misalignment.dashboard.web.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetFacts;
import org.misalignment.dashboard.store.catalog.DatasetFile;

/**
 * A dataset as {@code /api/v1/datasets} and {@code /api/v1/datasets/{slug}} describe it:
 * what it is, where it comes from, its size, groups, conditions and metrics, and the
 * files it was imported from.
 *
 * @param samples the dataset's answers
 * @param attributes the names of its models' attributes
 * @param modelAttributes each model's attributes, by model name
 */
record DatasetDescription(String slug, String title, String description, String source, String license, String judge,
		String status, @JsonProperty("imported_at") OffsetDateTime importedAt, String version, Long samples,
		Long models, Long questions, List<String> groups, List<String> conditions, List<String> metrics,
		List<File> files, List<String> attributes,
		@JsonProperty("model_attributes") Map<String, Map<String, String>> modelAttributes) {

	/**
	 * A file the dataset was imported from, with its SHA-256; an Inspect log's also with
	 * what it says of itself (each null for other files, or where the log does not say).
	 */
	record File(String name, String format, String sha256, long answers,
			@JsonProperty("imported_at") OffsetDateTime importedAt, String task,
			@JsonProperty("inspect_version") String inspectVersion, @JsonProperty("log_status") String logStatus,
			@JsonProperty("eval_id") String evalId) {

		static File of(DatasetFile file) {
			return new File(file.getName(), file.getFormat(), file.getSha256(), file.getAnswers(), file.getImportedAt(),
					file.getTask(), file.getInspectVersion(), file.getLogStatus(), file.getEvalId());
		}

	}

	static DatasetDescription of(Dataset dataset, DatasetFacts.Facts facts, List<DatasetFile> files,
			Map<String, Map<String, String>> modelAttributes) {
		return new DatasetDescription(dataset.getSlug(), dataset.getTitle(), dataset.getDescription(),
				dataset.getSourceUrl(), dataset.getLicense(), dataset.getJudge(), dataset.getStatus(),
				dataset.getImportedAt(), dataset.getVersion(), facts.answers(), facts.models(), facts.questions(),
				facts.groups(), facts.conditions(), facts.metrics(), files.stream().map(File::of).toList(),
				modelAttributes.values()
					.stream()
					.flatMap((named) -> named.keySet().stream())
					.distinct()
					.sorted()
					.toList(),
				modelAttributes);
	}

}
