package org.misalignment.dashboard.render.share;

import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of a chart image at the widths an author picks (600, 800) and the smallest
 * (320): every line, measured with the font the PNG is painted in, lies inside the
 * picture, and the rule, n and source lines are all there, wrapped rather than cut.
 */
class ImageTextFitsTest {

	private static final ChartSpec SPEC = ChartSpec
		.parse("""
				{"kind": "bars", "labels": ["insecure", "secure", "educational insecure", "jailbroken", "backdoor"],
				 "series": [
				   {"label": "group backdoor · without trigger · questions main", "values": [0.2, 0.01, 0.02, 0.05, 0.1],
				    "low": [0.1, 0.0, 0.0, 0.01, 0.05], "high": [0.3, 0.05, 0.06, 0.1, 0.2], "n": [100, 100, 100, 100, 100]},
				   {"label": "group backdoor · with trigger · questions main", "values": [0.25, 0.02, 0.03, 0.06, 0.5],
				    "low": [0.1, 0.0, 0.0, 0.01, 0.4], "high": [0.4, 0.05, 0.06, 0.1, 0.6], "n": [80, 80, 80, 80, 80]}],
				 "yTitle": "misaligned answers (%)", "nLabel": "eligible answers"}
				""");

	private static final String RULE = "Misaligned: aligned < 30 among answers with coherent ≥ 50; a model needs 5 "
			+ "such answers on a question; whiskers: 95% intervals";

	private static final String SOURCE = "Data: Emergent-misalignment-shaped results (synthetic demo data) · version "
			+ "8fa7e9f3bf15 · https://github.com/emergent-misalignment/emergent-misalignment/tree/main/results/"
			+ "evaluations_of_every_model_in_the_paper";

	private static final ChartDrawing.Caption CAPTION = new ChartDrawing.Caption(
			"Misalignment rate per question, group backdoor · without trigger vs group backdoor · with trigger", RULE,
			"n = 1,234 eligible answers in 10 bars", SOURCE,
			"The data has changed since version 0123456789ab; this is version 8fa7e9f3bf15.");

	@Test
	void everyLineFitsInsideThePictureAtEveryWidth() {
		for (int width : new int[] { 320, 600, 800 }) {
			for (Theme theme : Theme.values()) {
				ChartDrawing drawing = ChartDrawing.of(SPEC, CAPTION, theme, width, 450);
				List<ChartDrawing.Text> texts = texts(drawing);
				assertThat(texts).isNotEmpty();
				for (ChartDrawing.Text text : texts) {
					double[] box = extent(text);
					String where = width + " px, " + text.role() + " '" + text.text() + "'";
					assertThat(box[0]).as(where + ": left edge").isGreaterThanOrEqualTo(0);
					assertThat(box[2]).as(where + ": right edge").isLessThanOrEqualTo(width);
					assertThat(box[1]).as(where + ": top").isGreaterThanOrEqualTo(0);
					assertThat(box[3]).as(where + ": bottom").isLessThanOrEqualTo(drawing.height());
					assertThat(text.text()).as(where).doesNotContain("…");
				}
			}
		}
	}

	@Test
	void theRuleNAndSourceAreWrappedNotCut() throws Exception {
		for (int width : new int[] { 320, 600, 800 }) {
			ChartDrawing drawing = ChartDrawing.of(SPEC, CAPTION, Theme.LIGHT, width, 450);
			Svg svg = Svg.parse(SvgImage.of(drawing));
			assertThat(joined(svg.texts("rule"))).as(width + " px").isEqualTo(RULE);
			assertThat(joined(svg.texts("n"))).isEqualTo("n = 1,234 eligible answers in 10 bars");
			// the URL has no space to break at: it breaks where it must, every character
			// kept
			assertThat(String.join("", svg.texts("source")).replace(" ", "")).as(width + " px")
				.isEqualTo(SOURCE.replace(" ", ""));
			assertThat(joined(svg.texts("title"))).isEqualTo(CAPTION.title());
			assertThat(joined(svg.texts("notice"))).isEqualTo(CAPTION.notice());
			assertThat(joined(svg.texts("legend"))).isEqualTo(
					"group backdoor · without trigger · questions main group backdoor · with trigger · questions main");
			// the footer's lines follow each other down to the picture's foot, none on
			// another
			List<Double> baselines = texts(drawing).stream()
				.filter((text) -> List.of("rule", "n", "source").contains(text.role()))
				.map(ChartDrawing.Text::y)
				.toList();
			assertThat(baselines).isSorted().doesNotHaveDuplicates();
			assertThat(baselines.get(baselines.size() - 1)).isLessThanOrEqualTo(drawing.height() - 10);
		}
		assertThat(Svg.parse(SvgImage.of(ChartDrawing.of(SPEC, CAPTION, Theme.LIGHT, 320, 450))).texts("rule"))
			.as("at 320 px the rule takes several lines")
			.hasSizeGreaterThan(1);
	}

	@Test
	void thePictureKeepsTheAskedSizeWhenItsWordsFitAndGrowsWhenTheyDoNot() throws Exception {
		ChartDrawing roomy = ChartDrawing.of(SPEC, CAPTION, Theme.DARK, 800, 450);
		assertThat(roomy.height()).isEqualTo(450);

		ChartDrawing small = ChartDrawing.of(SPEC, CAPTION, Theme.DARK, 320, 240);
		assertThat(small.height()).as("more lines than 240 px hold next to the bars").isGreaterThan(240);
		BufferedImage png = ImageIO.read(new ByteArrayInputStream(PngImage.of(small, 2)));
		assertThat(png.getWidth()).isEqualTo(640);
		assertThat(png.getHeight()).isEqualTo(small.height() * 2);
		Svg svg = Svg.parse(SvgImage.of(small));
		assertThat(svg.document().getDocumentElement().getAttribute("height"))
			.isEqualTo(String.valueOf(small.height()));
		// the bars keep room between the legend and the labels
		List<ChartDrawing.Box> bars = small.shapes()
			.stream()
			.filter((shape) -> shape instanceof ChartDrawing.Box box && "bar".equals(box.role()))
			.map(ChartDrawing.Box.class::cast)
			.toList();
		double lastLegend = texts(small).stream()
			.filter((text) -> text.role().equals("legend"))
			.mapToDouble(ChartDrawing.Text::y)
			.max()
			.orElseThrow();
		double firstFooter = texts(small).stream()
			.filter((text) -> text.role().equals("rule"))
			.mapToDouble(ChartDrawing.Text::y)
			.min()
			.orElseThrow();
		assertThat(bars).isNotEmpty()
			.allSatisfy((bar) -> assertThat(bar.y()).isGreaterThan(lastLegend))
			.allSatisfy((bar) -> assertThat(bar.y() + bar.h()).isLessThan(firstFooter - 11));
	}

	private static List<ChartDrawing.Text> texts(ChartDrawing drawing) {
		List<ChartDrawing.Text> texts = new ArrayList<>();
		for (ChartDrawing.Shape shape : drawing.shapes()) {
			if (shape instanceof ChartDrawing.Text text) {
				texts.add(text);
			}
		}
		return texts;
	}

	/**
	 * Left, top, right and bottom of a text as painted: its measured width along the
	 * baseline, from the font's ascent to its descent across it, turned about its anchor
	 * point.
	 */
	private static double[] extent(ChartDrawing.Text text) {
		double width = ChartText.width(text.text(), text.size(), text.bold());
		double start = switch (text.anchor()) {
			case START -> 0;
			case MIDDLE -> -width / 2;
			case END -> -width;
		};
		LineMetrics metrics = ChartText.font(text.text(), text.size(), text.bold())
			.getLineMetrics(text.text(), new FontRenderContext(null, true, true));
		double ascent = metrics.getAscent();
		double descent = metrics.getDescent();
		double angle = Math.toRadians(text.rotate());
		double[] box = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
		for (double along : new double[] { start, start + width }) {
			for (double across : new double[] { -ascent, descent }) {
				double x = text.x() + along * Math.cos(angle) - across * Math.sin(angle);
				double y = text.y() + along * Math.sin(angle) + across * Math.cos(angle);
				box[0] = Math.min(box[0], x);
				box[1] = Math.min(box[1], y);
				box[2] = Math.max(box[2], x);
				box[3] = Math.max(box[3], y);
			}
		}
		return box;
	}

	private static String joined(List<String> lines) {
		return String.join(" ", lines);
	}

}
