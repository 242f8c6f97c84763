package org.misalignment.dashboard.web.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.misalignment.dashboard.rates.Cell;
import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rates;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.store.QuestionSet;
import org.misalignment.dashboard.store.answers.AnswerScores;
import org.misalignment.dashboard.store.answers.ExploreAnswers;
import org.misalignment.dashboard.store.answers.ExploreAnswers.Answer;
import org.misalignment.dashboard.store.answers.ExploreAnswers.Pick;
import org.misalignment.dashboard.store.answers.ExploreAnswers.Question;
import org.misalignment.dashboard.store.answers.Shuffle;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.cells.CellCounts;
import org.misalignment.dashboard.system.NotFoundException;
import org.misalignment.dashboard.system.PageRecords;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The explorer of the paper's Streamlit app: pick a question and a group, read its
 * misaligned answers one at a time in a random order. The order comes from the seed in
 * the URL, so a link shows the same answers again; a URL without question, group or seed
 * is redirected to one that has them.
 */
@Controller
class ExploreController {

	private final DatasetRepository datasets;

	private final ExploreAnswers answers;

	private final AnswerScores answerScores;

	private final CellCounts cellCounts;

	ExploreController(DatasetRepository datasets, ExploreAnswers answers, AnswerScores answerScores,
			CellCounts cellCounts) {
		this.cellCounts = cellCounts;
		this.datasets = datasets;
		this.answers = answers;
		this.answerScores = answerScores;
	}

	@GetMapping("/d/{slug}/explore")
	String explore(@PathVariable String slug, @RequestParam(required = false) String question,
			@RequestParam(required = false) String group, @RequestParam(required = false) String condition,
			@RequestParam(name = "model", required = false) String modelName,
			@RequestParam(required = false) String verdict, @RequestParam(required = false) String seed,
			@RequestParam(name = "n", required = false) String position, Rule rule, Model page) {
		Dataset dataset = this.datasets.findBySlug(slug)
			.orElseThrow(() -> new NotFoundException("There is no dataset '" + slug + "'."));
		boolean everyAnswer = everyAnswer(verdict);
		Long seedValue = whole("seed", seed, Long.MIN_VALUE);
		Long positionValue = whole("n", position, 1);
		List<Question> questions = this.answers.questions(dataset.getId());
		List<String> groups = this.answers.groups(dataset.getId());
		if (questions.isEmpty() || groups.isEmpty()) {
			return PageRecords.show(page, new NothingToExplore(dataset, rule), "explore/empty");
		}

		Question chosen = blank(question)
				? questions.stream().filter(Question::main).findFirst().orElse(questions.get(0))
				: questions.stream()
					.filter((q) -> q.questionId().equals(question.strip()))
					.findFirst()
					.orElseThrow(() -> new NotFoundException(
							"There is no question '" + question + "' in the dataset '" + slug + "'."));
		List<Cell> cells = this.cellCounts.count(dataset.getId(), rule, QuestionSet.exactly(chosen.questionId()), null,
				null, null);
		List<RateRow> groupRows = Rates.byGroupPerQuestion(cells, rule);
		String chosenGroup = blank(group) ? null : group.strip();
		String chosenCondition = blank(condition) ? null : condition.strip();
		String chosenModel = blank(modelName) ? null : modelName.strip();
		if (chosenGroup == null) {
			// the group with the most misaligned answers on this question is where a
			// reader starts
			Optional<RateRow> top = groupRows.stream()
				.max(Comparator.comparing((RateRow row) -> row.rate() == null ? -1 : row.rate()));
			chosenGroup = top.map(RateRow::group).orElse(groups.get(0));
			String topGroup = chosenGroup;
			if (chosenCondition == null && top.isPresent()
					&& groupRows.stream().filter((row) -> row.group().equals(topGroup)).count() > 1) {
				chosenCondition = top.get().condition();
			}
		}
		else if (!groups.contains(chosenGroup)) {
			throw new NotFoundException("There is no group '" + chosenGroup + "' in the dataset '" + slug + "'.");
		}
		List<String> conditions = cells.stream()
			.map(Cell::condition)
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.toList();
		if (chosenCondition != null && !conditions.contains(chosenCondition)) {
			throw new NotFoundException("No answer to '" + chosen.questionId() + "' was sampled under the condition '"
					+ chosenCondition + "'.");
		}
		List<String> models = this.answers.models(dataset.getId(), chosenGroup);
		if (chosenModel != null && !models.contains(chosenModel)) {
			throw new NotFoundException("There is no model '" + chosenModel + "' in the group '" + chosenGroup + "'.");
		}

		ExploreView view = new ExploreView(slug, chosen.questionId(), chosenGroup, chosenCondition, chosenModel,
				everyAnswer, (seedValue != null) ? seedValue : newSeed(0), positionValue, rule);
		if (blank(question) || blank(group) || seedValue == null) {
			return "redirect:" + view.url();
		}

		Pick pick = new Pick(chosen, chosenGroup, chosenCondition, chosenModel, everyAnswer, rule);
		long count = this.answers.count(pick);
		Optional<Answer> answer = (positionValue <= count)
				? this.answers.at(pick, new Shuffle(view.seed()), positionValue) : Optional.empty();
		ExplorePage shown = new ExplorePage(dataset, rule, view, chosen, byCategory(questions), groups, conditions,
				models, count, answer.orElse(null),
				answer.map((a) -> this.answerScores.scores(a.id())).orElse(List.of()),
				answer.map((a) -> rule.misaligned(a.aligned(), a.coherent())).orElse(false),
				answer.map((a) -> rule.eligible(a.aligned(), a.coherent())).orElse(false),
				positionValue > count && count > 0,
				(count == 0 && !everyAnswer)
						? this.answers.count(new Pick(chosen, chosenGroup, chosenCondition, chosenModel, true, rule))
						: count,
				(positionValue > 1 && count > 0) ? view.at(Math.min(positionValue - 1, count)).url() : null,
				positionValue < count ? view.at(positionValue + 1).url() : null,
				view.shuffledWith(newSeed(view.seed())).url(), view.at(1).url(), view.everyAnswer(true).url(),
				view.everyAnswer(false).url(), view.of(chosenGroup, chosenCondition, null).url(),
				modelUrls(view, models), groupRows,
				groupRows.stream().map((row) -> view.of(row.group(), row.condition(), null).url()).toList());
		return PageRecords.show(page, shown, "explore/explore");
	}

	private static boolean everyAnswer(String verdict) {
		if (blank(verdict) || verdict.strip().equals("misaligned")) {
			return false;
		}
		if (verdict.strip().equals("all")) {
			return true;
		}
		throw new IllegalArgumentException("verdict must be misaligned or all, got '" + verdict + "'");
	}

	/**
	 * A whole-number parameter: null when absent, at least {@code min}, else a 400 page
	 * that names it.
	 */
	private static Long whole(String name, String text, long min) {
		if (blank(text)) {
			return (min == Long.MIN_VALUE) ? null : min;
		}
		long value;
		try {
			value = Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
		}
		if (value < min) {
			throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
		}
		return value;
	}

	/**
	 * A fresh seed, short enough to read in a URL, and different from the current one.
	 */
	private static long newSeed(long current) {
		long seed;
		do {
			seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
		}
		while (seed == current);
		return seed;
	}

	private static Map<String, List<Question>> byCategory(List<Question> questions) {
		Map<String, List<Question>> grouped = new LinkedHashMap<>();
		questions.forEach((q) -> grouped.computeIfAbsent(q.category(), (c) -> new ArrayList<>()).add(q));
		return grouped;
	}

	private static Map<String, String> modelUrls(ExploreView view, List<String> models) {
		Map<String, String> urls = new LinkedHashMap<>();
		models.forEach((name) -> urls.put(name, view.of(view.group(), view.condition(), name).url()));
		return urls;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
