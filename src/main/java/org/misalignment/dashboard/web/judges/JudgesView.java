package org.misalignment.dashboard.web.judges;

import java.util.List;

import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.DrawsCharts;

/**
 * Everything the judges page shows: two judges' agreement, their scores' scatter, each
 * group's rate under each, the answers they disagree on most, and the link to the same
 * rows in the API.
 *
 * @param questionSets the question sets the dataset has, for the form
 * @param chartJson the scatter's data (judges.js)
 */
record JudgesView(Dataset dataset, Rule rule, Judges.Result judges,
		List<OverviewQueries.QuestionSetChoice> questionSets, String chartJson,
		String apiPath) implements TwinSource, DrawsCharts {

	/** The three verdicts, in the order of the table's rows and columns. */
	public List<Verdict> verdictOrder() {
		return List.of(Verdict.values());
	}

	@Override
	public Twin twin() {
		return Twin.of("judges-" + this.judges.a() + "-" + this.judges.b(), this.dataset, this.rule)
			.about("judges", this.judges.judges())
			.about("a", this.judges.a())
			.about("b", this.judges.b())
			.about("questions", this.judges.questions())
			.about("condition", this.judges.condition())
			.about("answers", this.judges.answers())
			.about("agreement", this.judges.agreement())
			.about("kappa", this.judges.kappa())
			.about("kappa_ci_low", this.judges.ciLow())
			.about("kappa_ci_high", this.judges.ciHigh())
			.about("scored", this.judges.scored())
			.table("groups", JudgeTables.GROUP_COLUMNS, JudgeTables.groups(this.judges))
			.table("verdicts", JudgeTables.VERDICT_COLUMNS, JudgeTables.verdicts(this.judges))
			.table("bands", JudgeTables.BAND_COLUMNS, JudgeTables.bands(this.judges))
			.table("disagreements", JudgeTables.DISAGREEMENT_COLUMNS, JudgeTables.disagreements(this.judges));
	}

}
