package org.misalignment.dashboard.web.overview;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix's colour steps, read from the site's own stylesheet as the browser gets it
 * ({@code frontend-assets/css/site.css}, served as {@code /assets/css/site.css}) with
 * Bootstrap's variables from its WebJar: every step's rate and its small n line reach
 * WCAG AA's 4.5:1 against the cell's colour, in the light and the dark theme.
 */
class MatrixContrastTest {

	private static final double AA = 4.5;

	private static final String DARK = "[data-bs-theme=\"dark\"] ";

	@Test
	void everyStepsTextHasAContrastOfAtLeastFourAndAHalfInBothThemes() throws IOException {
		List<Rule> site = Rule.parse(read("classpath:static/assets/css/site.css"));
		List<Rule> bootstrap = Rule
			.parse(read("classpath*:META-INF/resources/webjars/bootstrap/*/dist/css/bootstrap.css"));
		Map<String, String> lightVariables = variables(bootstrap, ":root");
		Map<String, String> darkVariables = new HashMap<>(lightVariables);
		darkVariables.putAll(variables(bootstrap, "[data-bs-theme=dark]"));
		double opacity = site.stream()
			.filter((rule) -> rule.selectors().contains(".rate-cell .n"))
			.map((rule) -> rule.declarations().get("opacity"))
			.filter((value) -> value != null)
			.mapToDouble((value) -> Double.parseDouble(value.replace("!important", "").strip()))
			.min()
			.orElse(1);

		List<String> shades = new ArrayList<>(RateShade.legend().stream().map(RateShade.Step::shade).toList());
		shades.add("rate-none");
		List<String> ratios = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (boolean dark : new boolean[] { false, true }) {
			Map<String, String> variables = dark ? darkVariables : lightVariables;
			for (String shade : shades) {
				List<String> selectors = new ArrayList<>(List.of(".rate-matrix td.rate-cell", "." + shade));
				if (dark) {
					selectors.addAll(List.of(DARK + ".rate-matrix td.rate-cell", DARK + "." + shade));
				}
				String where = (dark ? "dark " : "light ") + shade;
				String backgroundValue = cascade(site, selectors, "background-color");
				String colorValue = cascade(site, selectors, "color");
				assertThat(backgroundValue).as(where + " background").isNotNull();
				assertThat(colorValue).as(where + " text colour").isNotNull();
				double[] background = Colour.parse(backgroundValue, variables, Colour.WHITE);
				double[] text = Colour.parse(colorValue, variables, background);
				double[] n = Colour.over(text, opacity, background);
				double rate = Colour.contrast(text, background);
				double small = Colour.contrast(n, background);
				ratios.add(String.format(Locale.ROOT, "%s: %.2f, n line %.2f", where, rate, small));
				if (rate < AA || small < AA) {
					failures.add(ratios.get(ratios.size() - 1));
				}
			}
		}
		assertThat(ratios).hasSize(2 * shades.size());
		assertThat(failures).as("steps under %s:1; every step: %s", AA, ratios).isEmpty();
	}

	/**
	 * The value of a property the cell gets from the rules whose selector is one of those
	 * given: !important first, then the most specific, then the last.
	 */
	private static String cascade(List<Rule> rules, List<String> selectors, String property) {
		record Candidate(boolean important, int specificity, int order, String value) {
		}
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < rules.size(); i++) {
			Rule rule = rules.get(i);
			String value = rule.declarations().get(property);
			if (value == null) {
				continue;
			}
			for (String selector : rule.selectors()) {
				if (selectors.contains(selector)) {
					boolean important = value.contains("!important");
					candidates.add(new Candidate(important, specificity(selector), i,
							value.replace("!important", "").strip()));
				}
			}
		}
		return candidates.stream()
			.max(Comparator.comparing(Candidate::important)
				.thenComparingInt(Candidate::specificity)
				.thenComparingInt(Candidate::order))
			.map(Candidate::value)
			.orElse(null);
	}

	/** Classes and attributes count a hundred, element names one. */
	private static int specificity(String selector) {
		int classes = 0;
		int elements = 0;
		for (String part : selector.split("\\s+")) {
			classes += part.length() - part.replace(".", "").length();
			classes += part.length() - part.replace("[", "").length();
			if (!part.isEmpty() && Character.isLetter(part.charAt(0))) {
				elements++;
			}
		}
		return classes * 100 + elements;
	}

	private static Map<String, String> variables(List<Rule> rules, String selector) {
		Map<String, String> variables = new HashMap<>();
		rules.stream()
			.filter((rule) -> rule.selectors().contains(selector))
			.forEach((rule) -> rule.declarations().forEach((name, value) -> {
				if (name.startsWith("--")) {
					variables.putIfAbsent(name, value);
				}
			}));
		return variables;
	}

	private static String read(String pattern) throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources(pattern);
		assertThat(found).as(pattern).isNotEmpty();
		try (InputStream in = found[0].getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** A CSS rule: its selectors (whitespace made single spaces) and declarations. */
	record Rule(List<String> selectors, Map<String, String> declarations) {

		private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)\\}");

		static List<Rule> parse(String css) {
			String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
			// statements such as @charset are no part of the next rule
			text = text.replaceAll("@[a-z-]+[^;{}]*;", "");
			List<Rule> rules = new ArrayList<>();
			for (Matcher m = RULE.matcher(text); m.find();) {
				List<String> selectors = new ArrayList<>();
				for (String selector : m.group(1).split(",")) {
					selectors.add(selector.strip().replaceAll("\\s+", " "));
				}
				Map<String, String> declarations = new HashMap<>();
				for (String declaration : m.group(2).split(";")) {
					int colon = declaration.indexOf(':');
					if (colon > 0) {
						declarations.put(declaration.substring(0, colon).strip(),
								declaration.substring(colon + 1).strip());
					}
				}
				rules.add(new Rule(selectors, declarations));
			}
			return rules;
		}

	}

	/** Colours as red, green and blue from 0 to 255, and WCAG's contrast of two. */
	static final class Colour {

		static final double[] WHITE = { 255, 255, 255 };

		private static final Pattern RGB = Pattern
			.compile("rgba?\\(\\s*([\\d.]+)[\\s,]+([\\d.]+)[\\s,]+([\\d.]+)(?:[\\s,/]+([\\d.]+%?))?\\s*\\)");

		private Colour() {
		}

		/**
		 * A CSS colour ({@code #rgb}, {@code #rrggbb}, rgb(a), var()), seen over a
		 * background.
		 */
		static double[] parse(String value, Map<String, String> variables, double[] under) {
			String css = value.strip().toLowerCase(Locale.ROOT);
			if (css.startsWith("var(")) {
				String name = css.substring(4, css.length() - 1).split(",")[0].strip();
				assertThat(variables).as("Bootstrap's " + name).containsKey(name);
				return parse(variables.get(name), variables, under);
			}
			if (css.equals("white")) {
				return WHITE.clone();
			}
			if (css.startsWith("#")) {
				String hex = css.substring(1);
				if (hex.length() == 3) {
					hex = hex.replaceAll("(.)", "$1$1");
				}
				int rgb = Integer.parseInt(hex.substring(0, 6), 16);
				return new double[] { (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff };
			}
			Matcher m = RGB.matcher(css);
			assertThat(m.matches()).as("a colour: " + value).isTrue();
			double[] colour = { Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
					Double.parseDouble(m.group(3)) };
			if (m.group(4) == null) {
				return colour;
			}
			String alpha = m.group(4);
			double a = alpha.endsWith("%") ? Double.parseDouble(alpha.replace("%", "")) / 100
					: Double.parseDouble(alpha);
			return over(colour, a, under);
		}

		/** A colour drawn with an opacity over another. */
		static double[] over(double[] colour, double alpha, double[] under) {
			double[] out = new double[3];
			for (int i = 0; i < 3; i++) {
				out[i] = alpha * colour[i] + (1 - alpha) * under[i];
			}
			return out;
		}

		static double contrast(double[] a, double[] b) {
			double la = luminance(a);
			double lb = luminance(b);
			return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
		}

		private static double luminance(double[] rgb) {
			double[] linear = new double[3];
			for (int i = 0; i < 3; i++) {
				double c = rgb[i] / 255;
				linear[i] = (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
			}
			return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
		}

	}

}
