package org.misalignment.dashboard.system;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sentences written in English where they arise (an error's detail, why a reported figure
 * has no computed number beside it, an import's progress) in the reader's language. The
 * English is what the API, the twins and the command line show; a page shows
 * {@code ${@sentences.of(text)}}. Each sentence the site writes has a key under
 * {@code sentence.} in both message bundles: the English bundle's text is the sentence
 * with its values as {@code {0}}, {@code {1}} …, from which the sentence is recognised;
 * the values (names, numbers, what the URL said) are carried over unchanged, and a value
 * that is itself such a sentence is put in the reader's language too. A sentence the
 * bundles do not know reads as the fallback the caller names, never as English in a
 * Chinese page.
 */
@Component("sentences")
public class Sentences {

	/** The prefix of the sentences' keys. */
	public static final String PREFIX = "sentence.";

	private static final String BUNDLE = "i18n.messages";

	/** The longest text recognised as a sentence; longer reads as the fallback. */
	private static final int LONGEST = 4000;

	/** The most time one text's recognition may take (50 ms). */
	private static final long BUDGET_NANOS = 50_000_000L;

	private final MessageSource messages;

	private final List<Form> forms;

	public Sentences(MessageSource messages) {
		this.messages = messages;
		this.forms = forms(ResourceBundle.getBundle(BUNDLE, Locale.ROOT));
	}

	/** {@code english} in the request's language; unknown sentences stay as they are. */
	public String of(String english) {
		return of(english, null, LocaleContextHolder.getLocale());
	}

	/**
	 * {@code english} in the request's language; an unknown sentence reads as the message
	 * {@code fallbackKey} in Chinese.
	 */
	public String of(String english, String fallbackKey) {
		return of(english, fallbackKey, LocaleContextHolder.getLocale());
	}

	/** {@code english} in {@code locale}. */
	public String of(String english, String fallbackKey, Locale locale) {
		if (english == null || !Languages.CHINESE.equals(Languages.supported(locale))) {
			return english;
		}
		String translated;
		try {
			translated = translated(english.strip(), locale, 0, System.nanoTime() + BUDGET_NANOS);
		}
		catch (OutOfTime ex) {
			translated = null;
		}
		if (translated != null) {
			return translated;
		}
		return (fallbackKey != null) ? this.messages.getMessage(fallbackKey, null, locale) : english;
	}

	/**
	 * A text of several lines (an import's result) in the request's language, line by
	 * line; lines the bundles do not know stay as they are.
	 */
	public String lines(String english) {
		if (english == null) {
			return null;
		}
		List<String> lines = new ArrayList<>();
		for (String line : english.split("\\R", -1)) {
			lines.add(line.isBlank() ? line : of(line));
		}
		return String.join("\n", lines);
	}

	private String translated(String english, Locale locale, int depth, long deadline) {
		if (english.length() > LONGEST) {
			return null;
		}
		CharSequence text = new Timed(english, deadline);
		for (Form form : this.forms) {
			Matcher matcher = form.pattern().matcher(text);
			if (matcher.matches()) {
				Object[] values = new Object[form.values()];
				for (int i = 0; i < values.length; i++) {
					String value = matcher.group("v" + i);
					String inner = (depth < 2 && value != null) ? nested(value, locale, depth + 1, deadline) : null;
					values[i] = (inner != null) ? inner : value;
				}
				return this.messages.getMessage(form.key(), values, locale);
			}
		}
		return null;
	}

	/**
	 * A value that may be a sentence itself; a value that takes too long stays as it is.
	 */
	private String nested(String value, Locale locale, int depth, long deadline) {
		try {
			return translated(value, locale, depth, deadline);
		}
		catch (OutOfTime ex) {
			return null;
		}
	}

	/** The sentences the bundle knows, the most specific (most fixed words) first. */
	static List<Form> forms(ResourceBundle english) {
		List<Form> forms = new ArrayList<>();
		for (String key : english.keySet()) {
			if (key.startsWith(PREFIX)) {
				forms.add(form(key, english.getString(key)));
			}
		}
		forms.sort(Comparator.comparingInt(Form::fixed).reversed().thenComparing(Form::key));
		return List.copyOf(forms);
	}

	/** A sentence's pattern: its fixed words as they are, each value any text. */
	static Form form(String key, String message) {
		MessageFormat format = new MessageFormat(plain(message), Locale.ROOT);
		int count = format.getFormatsByArgumentIndex().length;
		String[] marks = new String[count];
		for (int i = 0; i < count; i++) {
			marks[i] = "\u0000" + i + "\u0000";
		}
		String marked = format.format(marks);
		StringBuilder regex = new StringBuilder();
		Matcher mark = Pattern.compile("\u0000(\\d+)\u0000").matcher(marked);
		Set<Integer> seen = new HashSet<>();
		int at = 0;
		int fixed = 0;
		while (mark.find()) {
			String words = marked.substring(at, mark.start());
			fixed += words.length();
			regex.append(Pattern.quote(words));
			int index = Integer.parseInt(mark.group(1));
			regex.append(seen.add(index) ? "(?<v" + index + ">.*?)" : "\\k<v" + index + ">");
			at = mark.end();
		}
		String rest = marked.substring(at);
		fixed += rest.length();
		regex.append(Pattern.quote(rest));
		return new Form(key, Pattern.compile(regex.toString(), Pattern.DOTALL), count, fixed);
	}

	/**
	 * The message with every value as plain text: an id written {@code {0,number,#}} is
	 * recognised, and carried over, as the text the sentence has.
	 */
	static String plain(String message) {
		return message.replaceAll("\\{(\\d+),[^}]*}", "{$1}");
	}

	record Form(String key, Pattern pattern, int values, int fixed) {
	}

	/**
	 * Text that stops a match running past its deadline: a value from the address (a
	 * slug, a parameter) is matched against every sentence, and a value built to repeat a
	 * long sentence's words could otherwise make a match take hours.
	 */
	private static final class Timed implements CharSequence {

		private final String text;

		private final long deadline;

		private int reads;

		Timed(String text, long deadline) {
			this.text = text;
			this.deadline = deadline;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			if ((++this.reads & 1023) == 0 && System.nanoTime() - this.deadline > 0) {
				throw new OutOfTime();
			}
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.substring(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	private static final class OutOfTime extends RuntimeException {

		OutOfTime() {
			super("out of time", null, false, false);
		}

	}

}
