package org.misalignment.dashboard.store.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface QuestionRepository extends JpaRepository<Question, Long> {

	List<Question> findByDataset(Dataset dataset);

	Optional<Question> findByDatasetAndQuestionId(Dataset dataset, String questionId);

	/** The variants of one stem: the plain question and its json and template forms. */
	List<Question> findByDatasetAndStem(Dataset dataset, String stem);

}
