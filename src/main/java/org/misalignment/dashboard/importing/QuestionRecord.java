package org.misalignment.dashboard.importing;

import java.util.List;
import java.util.Map;

/** One evaluation question as a question YAML defines it. */
record QuestionRecord(long line, String id, String type, List<String> paraphrases, String system, String judge,
		Map<String, String> judgePrompts) {
}
