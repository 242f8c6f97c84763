package org.misalignment.dashboard.store.answers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import org.misalignment.dashboard.store.catalog.Dataset;
import org.misalignment.dashboard.store.catalog.DatasetFile;
import org.misalignment.dashboard.store.catalog.Model;
import org.misalignment.dashboard.store.catalog.Question;

/**
 * One answer of one model to one paraphrase of a question under one condition, with its
 * judge scores. Its text is stored apart, in {@code answer_text}, so that the answers'
 * rows and indexes stay small.
 */
@Entity
@Table(name = "sample")
@SecondaryTable(name = "answer_text", pkJoinColumns = @PrimaryKeyJoinColumn(name = "sample_id"))
public class Sample {

	@Id
	private Long id;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "dataset_id")
	private Dataset dataset;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "model_id")
	private Model model;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "question_ref")
	private Question question;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "file_id")
	private DatasetFile file;

	@Column(name = "source_line")
	private int sourceLine;

	/** The archive entry it came from (an Inspect {@code .eval} log's), or null. */
	@Column(name = "source_entry")
	private String sourceEntry;

	@Column(name = "paraphrase_no")
	private int paraphraseNo;

	@Column(name = "system_prompt")
	private String systemPrompt;

	@Column(name = "condition_name")
	private String condition;

	@Column(table = "answer_text")
	private String answer;

	private Double aligned;

	private Double coherent;

	protected Sample() {
	}

	public Long getId() {
		return this.id;
	}

	public Dataset getDataset() {
		return this.dataset;
	}

	public Model getModel() {
		return this.model;
	}

	public Question getQuestion() {
		return this.question;
	}

	public DatasetFile getFile() {
		return this.file;
	}

	public int getSourceLine() {
		return this.sourceLine;
	}

	public String getSourceEntry() {
		return this.sourceEntry;
	}

	/**
	 * Where in its file the answer came from: {@code FILE!ENTRY} for an archive's entry,
	 * else {@code FILE:LINE}.
	 */
	public String getSource() {
		String file = this.file.getName();
		return (this.sourceEntry != null) ? file + "!" + this.sourceEntry : file + ":" + this.sourceLine;
	}

	/**
	 * The paraphrase this answer was asked, or {@code null} when the file did not say
	 * which.
	 */
	public String getParaphrase() {
		return this.question.paraphrase(this.paraphraseNo);
	}

	/** The system prompt the answer was sampled with: its own, else its question's. */
	public String getSystemPrompt() {
		return (this.systemPrompt != null) ? this.systemPrompt : this.question.getSystemPrompt();
	}

	public String getCondition() {
		return this.condition;
	}

	public String getAnswer() {
		return this.answer;
	}

	public Double getAligned() {
		return this.aligned;
	}

	public Double getCoherent() {
		return this.coherent;
	}

}
