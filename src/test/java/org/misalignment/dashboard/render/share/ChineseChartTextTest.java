package org.misalignment.dashboard.render.share;

import java.awt.Font;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Chinese caption is drawn in a font that has its glyphs, so the PNG shows characters,
 * not missing-glyph boxes; English stays in SansSerif. Skipped on a machine without a
 * Chinese font (CI and the Docker image install fonts-noto-cjk).
 */
class ChineseChartTextTest {

	private static final String[] CHINESE = { "各组的未对齐率，main 问题集", "未对齐的回答（%）", "计入的回答",
			"未对齐：在连贯性 ≥ 50 的回答中对齐分 < 30；误差线：95% 置信区间", "不带触发词", "带触发词" };

	@Test
	void chineseTextIsDrawnInAFontThatHasItsGlyphs() {
		assumeTrue(ChartText.CJK_FAMILY != null, "no Chinese font installed");
		for (String text : CHINESE) {
			for (boolean bold : new boolean[] { false, true }) {
				Font font = ChartText.font(text, 13, bold);
				assertThat(font.canDisplayUpTo(text)).as(text + " in " + font.getFamily()).isEqualTo(-1);
			}
			assertThat(ChartText.width(text, 13, false)).isPositive();
		}
	}

	@Test
	void englishStaysInSansSerif() {
		assertThat(ChartText.font("Misalignment rate per group", 13, false).getFamily(Locale.ROOT))
			.isEqualTo(new Font(Font.SANS_SERIF, Font.PLAIN, 13).getFamily(Locale.ROOT));
	}

	@Test
	void theSvgNamesChineseFontsBeforeTheGenericOne() {
		assertThat(ChartDrawing.FONT_FAMILY).contains("'Noto Sans CJK SC'").endsWith("sans-serif");
	}

}
