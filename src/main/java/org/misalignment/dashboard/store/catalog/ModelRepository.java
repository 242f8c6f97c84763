package org.misalignment.dashboard.store.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelRepository extends JpaRepository<Model, Long> {

	List<Model> findByDataset(Dataset dataset);

	/** The model with this id, when it belongs to the dataset. */
	Optional<Model> findByDatasetAndId(Dataset dataset, Long id);

}
