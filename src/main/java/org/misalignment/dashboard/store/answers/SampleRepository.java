package org.misalignment.dashboard.store.answers;

import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SampleRepository extends JpaRepository<Sample, Long> {

	@EntityGraph(attributePaths = { "dataset", "model", "question", "file" })
	Optional<Sample> findWithEverythingById(Long id);

}
