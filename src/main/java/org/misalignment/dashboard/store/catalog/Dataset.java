package org.misalignment.dashboard.store.catalog;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One published collection of results, with its provenance. */
@Entity
@Table(name = "dataset")
public class Dataset {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String slug;

	private String title;

	private String description;

	@Column(name = "source_url")
	private String sourceUrl;

	private String license;

	private String judge;

	private String status;

	@Column(name = "imported_at")
	private OffsetDateTime importedAt;

	/**
	 * A short hash of what the dataset was imported from; see
	 * {@code store.imports.DatasetVersion}.
	 */
	private String version;

	/** Hidden by an admin: gone from public pages and the API. */
	private boolean hidden;

	protected Dataset() {
	}

	public Long getId() {
		return this.id;
	}

	public String getSlug() {
		return this.slug;
	}

	public String getTitle() {
		return this.title;
	}

	public String getDescription() {
		return this.description;
	}

	public String getSourceUrl() {
		return this.sourceUrl;
	}

	public String getLicense() {
		return this.license;
	}

	public String getJudge() {
		return this.judge;
	}

	public String getStatus() {
		return this.status;
	}

	public OffsetDateTime getImportedAt() {
		return this.importedAt;
	}

	public String getVersion() {
		return this.version;
	}

	public boolean isHidden() {
		return this.hidden;
	}

}
