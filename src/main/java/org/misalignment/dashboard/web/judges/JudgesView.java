package org.misalignment.dashboard.web.judges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.misalignment.dashboard.rates.RateRow;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.Verdict;
import org.misalignment.dashboard.render.share.EmbeddableChart;
import org.misalignment.dashboard.render.twins.Twin;
import org.misalignment.dashboard.render.twins.TwinSource;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.OverviewQueries;
import org.misalignment.dashboard.system.DrawsCharts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the judges page shows: two judges' agreement, their scores' scatter, each
 * group's rate under each, the answers they disagree on most, and the link to the same
 * rows in the API.
 *
 * @param questionSets the question sets the dataset has, for the form
 * @param scatterJson the scatter's data (judges.js)
 */
record JudgesView(Dataset dataset, Rule rule, Judges.Result judges,
		List<OverviewQueries.QuestionSetChoice> questionSets, String scatterJson, String apiPath,
		String subject) implements TwinSource, DrawsCharts, EmbeddableChart {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Judge a's bars and judge b's. */
	static final List<String> COLORS = List.of("#0d6efd", "#fd7e14");

	/**
	 * Each group's rate under each judge as bars, for the page's chart, the embed and the
	 * images: per group (and condition) one bar per judge with its 95% interval.
	 */
	/**
	 * The page's second chart, the scatter ({@code judges_scatter}), for its embed and
	 * images; else the bars.
	 */
	@Override
	public String chartJson(String chart) {
		return "judges_scatter".equals(chart) ? this.scatterJson : chartJson();
	}

	@Override
	public String chartJson() {
		if (this.judges.groups().isEmpty()) {
			return null;
		}
		List<String> labels = new ArrayList<>();
		for (Judges.GroupRates group : this.judges.groups()) {
			boolean condition = group.condition() != null && !group.condition().isBlank();
			labels.add(condition ? group.group() + " · " + group.condition() : group.group());
		}
		List<Object> series = new ArrayList<>();
		for (int side = 0; side < 2; side++) {
			List<Double> values = new ArrayList<>();
			List<Double> low = new ArrayList<>();
			List<Double> high = new ArrayList<>();
			List<Long> n = new ArrayList<>();
			for (Judges.GroupRates group : this.judges.groups()) {
				RateRow row = (side == 0) ? group.a() : group.b();
				boolean rated = row != null && row.rate() != null;
				values.add(rated ? row.rate() : null);
				low.add(rated ? row.ciLow() : null);
				high.add(rated ? row.ciHigh() : null);
				n.add(rated ? row.eligible() : null);
			}
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("label", (side == 0) ? this.judges.a() : this.judges.b());
			one.put("values", values);
			one.put("low", low);
			one.put("high", high);
			one.put("n", n);
			one.put("color", COLORS.get(side));
			series.add(one);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bars");
		chart.put("labels", labels);
		chart.put("series", series);
		chart.put("yTitle", "misaligned answers (%)");
		chart.put("nLabel", "eligible answers");
		return JSON.writeValueAsString(chart);
	}

	/** The two judges, "a vs b" in the reader's language. */
	@Override
	public String chartSubject() {
		return this.subject;
	}

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
