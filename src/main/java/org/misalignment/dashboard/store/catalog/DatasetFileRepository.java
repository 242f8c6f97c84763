package org.misalignment.dashboard.store.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DatasetFileRepository extends JpaRepository<DatasetFile, Long> {

	List<DatasetFile> findByDatasetOrderByIdAsc(Dataset dataset);

}
