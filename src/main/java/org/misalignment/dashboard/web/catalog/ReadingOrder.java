package org.misalignment.dashboard.web.catalog;

import java.util.Comparator;

import org.misalignment.dashboard.rates.NaturalOrder;
import org.misalignment.dashboard.rates.QuestionOrder;
import org.misalignment.dashboard.store.catalog.Question;

/**
 * The order in which pages list things for a reader: {@code insecure-2} before
 * {@code insecure-10}; questions in the site's one order ({@link QuestionOrder}).
 */
final class ReadingOrder {

	/** Text with runs of digits compared as numbers. */
	static final Comparator<String> NATURAL = NaturalOrder.TEXT;

	/**
	 * main, then preregistered/* by subcategory, deception, other, then anything else by
	 * name.
	 */
	static final Comparator<String> CATEGORY = Comparator
		.comparingInt((String category) -> QuestionOrder.categoryRank(category))
		.thenComparing(NATURAL);

	/** The site's question order ({@link QuestionOrder}) for stored questions. */
	static final Comparator<Question> QUESTION = Comparator.comparing(ReadingOrder::placed, QuestionOrder.QUESTIONS);

	private ReadingOrder() {
	}

	static QuestionOrder.Question placed(Question question) {
		return new QuestionOrder.Question(question.getQuestionId(), question.getCategory(), question.getStem(),
				question.getVariant());
	}

}
