package org.misalignment.dashboard.store.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * The datasets readers may see: every query here leaves out the ones an admin has hidden.
 */
public interface DatasetRepository extends JpaRepository<Dataset, Long> {

	@Query("SELECT d FROM Dataset d WHERE d.slug = ?1 AND d.hidden = false")
	Optional<Dataset> findBySlug(String slug);

	@Query("SELECT d FROM Dataset d WHERE d.hidden = false ORDER BY d.slug")
	List<Dataset> findAllByOrderBySlugAsc();

	@Override
	@Query("SELECT d FROM Dataset d WHERE d.hidden = false")
	List<Dataset> findAll();

}
