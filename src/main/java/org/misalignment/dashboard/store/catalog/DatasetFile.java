package org.misalignment.dashboard.store.catalog;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A file a dataset was imported from, with its SHA-256: the dataset's provenance, file by
 * file.
 */
@Entity
@Table(name = "dataset_file")
public class DatasetFile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "dataset_id")
	private Dataset dataset;

	private String path;

	private String format;

	private String sha256;

	@Column(name = "import_key")
	private String importKey;

	private long answers;

	@Column(name = "imported_at")
	private OffsetDateTime importedAt;

	/**
	 * An Inspect log's task, Inspect version, status and eval id; null for other files.
	 */
	private String task;

	@Column(name = "inspect_version")
	private String inspectVersion;

	@Column(name = "log_status")
	private String logStatus;

	@Column(name = "eval_id")
	private String evalId;

	protected DatasetFile() {
	}

	public Long getId() {
		return this.id;
	}

	public Dataset getDataset() {
		return this.dataset;
	}

	/** The file's name, without the folders of the machine it was imported on. */
	public String getName() {
		int slash = Math.max(this.path.lastIndexOf('/'), this.path.lastIndexOf('\\'));
		return this.path.substring(slash + 1);
	}

	public String getFormat() {
		return this.format;
	}

	public String getSha256() {
		return this.sha256;
	}

	public long getAnswers() {
		return this.answers;
	}

	public OffsetDateTime getImportedAt() {
		return this.importedAt;
	}

	public String getTask() {
		return this.task;
	}

	public String getInspectVersion() {
		return this.inspectVersion;
	}

	public String getLogStatus() {
		return this.logStatus;
	}

	public String getEvalId() {
		return this.evalId;
	}

}
