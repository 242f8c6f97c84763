package org.misalignment.dashboard.render.share;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of chart has its title in both languages: a kind without one makes its
 * page's share panel, its embed and its images fail.
 */
class ChartTitlesTest {

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(
				ChartTitlesTest.class.getResourceAsStream("/i18n/" + name + ".properties"), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	@Test
	void everyChartKindHasATitleInBothLanguages() throws IOException {
		for (String name : new String[] { "messages", "messages_zh_CN" }) {
			Properties messages = bundle(name);
			for (ChartKind kind : ChartKind.values()) {
				String key = "chart.title." + kind.name().toLowerCase(Locale.ROOT);
				assertThat(messages.getProperty(key)).as(name + ": " + key).isNotBlank().contains("{0}");
			}
		}
	}

}
