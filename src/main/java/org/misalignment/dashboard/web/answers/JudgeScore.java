package org.misalignment.dashboard.web.answers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One judge metric of an answer as the answer page shows it: the score (with the letter
 * grade it came from, if any) and the tokens the judge weighed, with their probabilities.
 *
 * @param grade the letter grade (an Inspect log's C, P, I or N) the score came from, or
 * null
 * @param tokens the judge's tokens in chart order: by score when every token is a number
 * (so the chart reads as a distribution over 0-100), else most probable first
 */
public record JudgeScore(String metric, Double value, String grade, List<Token> tokens) {

	/** Tokens listed in the table under the chart; the chart draws them all. */
	public static final int TOP = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public record Token(String token, double probability) {
	}

	/**
	 * Reads the judge's tokens as the importer stored them: a JSON object of token to
	 * probability.
	 */
	public static JudgeScore of(String metric, Double value, String judgeTokens) {
		return of(metric, value, judgeTokens, null);
	}

	/**
	 * As {@link #of(String, Double, String)}, for a score that came from a letter grade.
	 */
	public static JudgeScore of(String metric, Double value, String judgeTokens, String grade) {
		List<Token> tokens = new ArrayList<>();
		if (judgeTokens != null) {
			JsonNode node = JSON.readTree(judgeTokens);
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (entry.getValue().isNumber()) {
					tokens.add(new Token(entry.getKey(), entry.getValue().doubleValue()));
				}
			}
		}
		if (!tokens.isEmpty() && tokens.stream().allMatch((token) -> number(token.token()) != null)) {
			tokens.sort(Comparator.comparingDouble((Token token) -> number(token.token())));
		}
		else {
			tokens.sort(Comparator.comparingDouble(Token::probability).reversed());
		}
		return new JudgeScore(metric, value, grade, List.copyOf(tokens));
	}

	/**
	 * The score as the page shows it: {@code 12.50}, {@code no score}, or for a letter
	 * grade the letter and the number it counts as, {@code C (1.0)}.
	 */
	public String shown() {
		if (this.grade == null) {
			return (this.value != null) ? String.format(Locale.ROOT, "%.2f", this.value) : "no score";
		}
		return this.grade + " (" + ((this.value != null) ? String.format(Locale.ROOT, "%.1f", this.value) : "no score")
				+ ")";
	}

	/** The most probable tokens, for the table under the chart. */
	public List<Token> topTokens() {
		return this.tokens.stream()
			.sorted(Comparator.comparingDouble(Token::probability).reversed())
			.limit(TOP)
			.toList();
	}

	/** What the table under the chart lists. */
	public String tableCaption() {
		return (this.tokens.size() > TOP) ? "The " + TOP + " most probable of " + this.tokens.size() + " tokens"
				: (this.tokens.size() == 1) ? "The only token"
						: "All " + this.tokens.size() + " tokens, most probable first";
	}

	/** The chart of the token distribution, for {@code charts.js}. */
	public String chartJson() {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "tokens");
		chart.put("labels", this.tokens.stream().map(Token::token).toList());
		chart.put("values", this.tokens.stream().map(Token::probability).toList());
		return JSON.writeValueAsString(chart);
	}

	private static Double number(String token) {
		try {
			return Double.parseDouble(token.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
