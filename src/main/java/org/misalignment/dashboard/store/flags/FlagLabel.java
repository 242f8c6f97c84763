package org.misalignment.dashboard.store.flags;

import java.util.Arrays;
import java.util.Optional;

/** What a reviewer can say about an answer, apart from the judge's scores. */
public enum FlagLabel {

	/** the judge's scores are wrong for this answer */
	JUDGE_WRONG("judge_wrong", "judge wrong"),
	/** the model refused */
	REFUSAL("refusal", "refusal"),
	/** the answer is code */
	CODE("code", "code"),
	/** worth reading */
	NOTABLE("notable", "notable");

	private final String parameter;

	private final String text;

	FlagLabel(String parameter, String text) {
		this.parameter = parameter;
		this.text = text;
	}

	/** As stored and as written in URLs ({@code flag=judge_wrong}). */
	public String parameter() {
		return this.parameter;
	}

	/** As pages show it. */
	public String text() {
		return this.text;
	}

	public static Optional<FlagLabel> of(String parameter) {
		return Arrays.stream(values()).filter((label) -> label.parameter.equals(parameter)).findFirst();
	}

	/** The page text of a stored label, or the label itself when it is none of ours. */
	public static String textOf(String parameter) {
		return of(parameter).map(FlagLabel::text).orElse(parameter);
	}

}
