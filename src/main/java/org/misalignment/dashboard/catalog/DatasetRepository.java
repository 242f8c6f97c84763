package org.misalignment.dashboard.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DatasetRepository extends JpaRepository<Dataset, Long> {

	Optional<Dataset> findBySlug(String slug);

	List<Dataset> findAllByOrderBySlugAsc();

}
