package org.misalignment.dashboard.system;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The English and the Chinese bundle hold the same keys, every message is a valid
 * MessageFormat pattern (the site formats every message, so a lone apostrophe would
 * vanish), and the Chinese bundle is Chinese: a value copied from the English one is a
 * forgotten translation, unless it is a name or a format that reads the same.
 */
class MessageBundlesTest {

	private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

	private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

	/** Messages that read the same in both languages: names, symbols, formats. */
	private static final Set<String> SAME_IN_BOTH = Set.of("layout.api", "overview.files.inspect", "explore.of",
			"compare.against", "import.alignedHint", "import.coherentHint");

	static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(
				MessageBundlesTest.class.getResourceAsStream("/i18n/" + name + ".properties"),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	@Test
	void bothBundlesHoldTheSameKeys() throws IOException {
		Set<String> english = new TreeSet<>(bundle("messages").stringPropertyNames());
		Set<String> chinese = new TreeSet<>(bundle("messages_zh_CN").stringPropertyNames());
		assertThat(english).hasSizeGreaterThan(300);
		Set<String> onlyEnglish = new TreeSet<>(english);
		onlyEnglish.removeAll(chinese);
		Set<String> onlyChinese = new TreeSet<>(chinese);
		onlyChinese.removeAll(english);
		assertThat(onlyEnglish).as("keys with no Chinese message").isEmpty();
		assertThat(onlyChinese).as("keys with no English message").isEmpty();
	}

	@Test
	void everyMessageIsAValidPatternWithoutALoneApostrophe() throws IOException {
		List<String> wrong = new ArrayList<>();
		for (String name : List.of("messages", "messages_zh_CN")) {
			Properties bundle = bundle(name);
			for (String key : bundle.stringPropertyNames()) {
				String value = bundle.getProperty(key);
				if (LONE_APOSTROPHE.matcher(value).find()) {
					wrong.add(name + ": " + key + " has a lone apostrophe (write '')");
					continue;
				}
				try {
					new MessageFormat(value, Locale.ROOT).format(new Object[] { 1, 2, 3, 4, 5, 6 });
				}
				catch (IllegalArgumentException ex) {
					wrong.add(name + ": " + key + ": " + ex.getMessage());
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void anIdIsWrittenWithoutGroupingSeparators() throws IOException {
		// "Answer #6,004" is no id a reader can type or search for: ids are formatted
		// {0,number,#}
		List<String> grouped = new ArrayList<>();
		for (String name : List.of("messages", "messages_zh_CN")) {
			Properties bundle = bundle(name);
			for (String key : bundle.stringPropertyNames()) {
				String shown = new MessageFormat(bundle.getProperty(key), Locale.ENGLISH)
					.format(new Object[] { 6004, 6004, 6004, 6004, 6004, 6004 });
				if (shown.contains("#6,004")) {
					grouped.add(name + ": " + key);
				}
			}
		}
		assertThat(grouped).isEmpty();
	}

	@Test
	void theChineseBundleIsTranslated() throws IOException {
		Properties english = bundle("messages");
		Properties chinese = bundle("messages_zh_CN");
		List<String> untranslated = new ArrayList<>();
		for (String key : chinese.stringPropertyNames()) {
			String value = chinese.getProperty(key);
			boolean hasLetters = value.replaceAll("\\{[^}]*}|<[^>]*>", "").matches("(?s).*[A-Za-z]{4,}.*");
			if (!CHINESE.matcher(value).find() && value.equals(english.getProperty(key)) && hasLetters
					&& !SAME_IN_BOTH.contains(key) && !key.startsWith("layout.dateTime")) {
				untranslated.add(key + "=" + value);
			}
		}
		assertThat(untranslated).as("Chinese messages that are the English ones").isEmpty();
	}

	@Test
	void oneWordForMisalignedInChinese() throws IOException {
		Properties chinese = bundle("messages_zh_CN");
		List<String> other = new ArrayList<>();
		for (String key : chinese.stringPropertyNames()) {
			String value = chinese.getProperty(key);
			if (value.contains("错位") || value.contains("失准") || value.contains("不对齐")) {
				other.add(key + "=" + value);
			}
		}
		assertThat(other).as("\"misaligned\" is 未对齐 everywhere").isEmpty();
	}

}
