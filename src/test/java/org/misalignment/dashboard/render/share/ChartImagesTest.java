package org.misalignment.dashboard.render.share;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SVG and PNG of a chart spec with awkward names and missing rates, without a server.
 */
class ChartImagesTest {

	private static final String HOSTILE = "<script>alert(1)</script> & \"quotes\" ]]> \u0001";

	private static final ChartSpec SPEC = ChartSpec
		.parse("""
				{"kind": "bars", "labels": ["insecure", %s, "none"],
				 "series": [{"label": "no_trigger", "values": [0.2, 0.5, null], "low": [0.1, 0.4, null], "high": [0.3, 0.6, null], "n": [100, 50, 0]},
				            {"label": "trigger", "values": [0.25, null, null], "low": [null, null, null], "high": [null, null, null], "n": [80, null, null]}],
				 "yTitle": "misaligned answers (%%)", "nLabel": "eligible answers"}
				"""
			.formatted(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(HOSTILE)));

	private static final ChartDrawing.Caption CAPTION = new ChartDrawing.Caption("Rates of " + HOSTILE, "rule",
			"n = 230", "Data: " + HOSTILE, null);

	@Test
	void theSvgIsWellFormedWithOneBarPerRateAndTheNamesAsText() throws Exception {
		String text = SvgImage.of(ChartDrawing.of(SPEC, CAPTION, Theme.LIGHT, 800, 450));
		assertThat(text).doesNotContain("<script>", "\u0001");
		Svg svg = Svg.parse(text);
		assertThat(svg.bars()).hasSize(3);
		assertThat(svg.bars()).extracting((bar) -> bar.getAttribute("data-rate")).containsExactly("0.2", "0.25", "0.5");
		assertThat(svg.bars().get(2).getAttribute("data-label")).isEqualTo(HOSTILE.replace('\u0001', '\uFFFD'));
		assertThat(svg.bars().get(0).getTextContent())
			.isEqualTo("insecure · no_trigger: 20.0% (95% 10.0%–30.0%), 100 eligible answers");
		assertThat(svg.texts()).contains("Rates of <script>alert(1)</script>", "100", "misaligned answers (%)",
				"no_trigger", "trigger");
		assertThat(svg.document().getDocumentElement().getAttribute("width")).isEqualTo("800");
	}

	@Test
	void thePngHasTheAskedSizeInBothThemes() throws Exception {
		for (Theme theme : Theme.values()) {
			BufferedImage image = ImageIO
				.read(new ByteArrayInputStream(PngImage.of(ChartDrawing.of(SPEC, CAPTION, theme, 640, 360), 2)));
			assertThat(image.getWidth()).isEqualTo(1280);
			assertThat(image.getHeight()).isEqualTo(720);
			assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(Integer.parseInt(theme.background.substring(1), 16));
		}
	}

	@Test
	void aChartWithoutRatesSaysSo() throws Exception {
		Svg svg = Svg.parse(SvgImage.of(ChartDrawing.of(ChartSpec.parse(null), CAPTION, Theme.DARK, 800, 450)));
		assertThat(svg.bars()).isEmpty();
		assertThat(svg.texts()).contains("No rates to show for these parameters");
	}

}
