package org.misalignment.dashboard.store.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One fine-tuned model (one seed) of a dataset, and the group (treatment) it belongs to.
 */
@Entity
@Table(name = "model")
public class Model {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "dataset_id")
	private Dataset dataset;

	private String name;

	@Column(name = "group_name")
	private String group;

	protected Model() {
	}

	public Long getId() {
		return this.id;
	}

	public Dataset getDataset() {
		return this.dataset;
	}

	public String getName() {
		return this.name;
	}

	public String getGroup() {
		return this.group;
	}

}
