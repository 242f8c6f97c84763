package org.misalignment.dashboard.store.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelRepository extends JpaRepository<Model, Long> {

	List<Model> findByDataset(Dataset dataset);

}
