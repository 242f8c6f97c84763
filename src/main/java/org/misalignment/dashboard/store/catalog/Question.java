package org.misalignment.dashboard.store.catalog;

import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An evaluation prompt: its id, stem, variant, category, paraphrases, system prompt and
 * judge prompts.
 */
@Entity
@Table(name = "question")
public class Question {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "dataset_id")
	private Dataset dataset;

	@Column(name = "question_id")
	private String questionId;

	private String stem;

	private String variant;

	private String category;

	@Column(name = "judge_type")
	private String judgeType;

	private String judge;

	@Column(name = "system_prompt")
	private String systemPrompt;

	private String paraphrases;

	@Column(name = "judge_prompts")
	private String judgePrompts;

	protected Question() {
	}

	public Long getId() {
		return this.id;
	}

	public Dataset getDataset() {
		return this.dataset;
	}

	public String getQuestionId() {
		return this.questionId;
	}

	public String getStem() {
		return this.stem;
	}

	public String getVariant() {
		return this.variant;
	}

	public String getCategory() {
		return this.category;
	}

	public String getJudgeType() {
		return this.judgeType;
	}

	public String getJudge() {
		return this.judge;
	}

	public String getSystemPrompt() {
		return this.systemPrompt;
	}

	public List<String> getParaphrases() {
		return JSON.readValue(this.paraphrases, new TypeReference<List<String>>() {
		});
	}

	/**
	 * The paraphrase at this position, or {@code null} when the position is unknown (-1).
	 */
	public String paraphrase(int position) {
		List<String> all = getParaphrases();
		return (position >= 0 && position < all.size()) ? all.get(position) : null;
	}

	public Map<String, String> getJudgePrompts() {
		if (this.judgePrompts == null) {
			return Map.of();
		}
		return JSON.readValue(this.judgePrompts, new TypeReference<Map<String, String>>() {
		});
	}

}
