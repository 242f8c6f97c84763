package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misalignment.dashboard.store.catalog.DatasetRepository;
import org.misalignment.dashboard.store.imports.ImportTransaction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An import into a new dataset is written in many transactions that readers cannot see,
 * and shown at once at its end; a failed one leaves nothing behind, and a second import
 * of the same new dataset while the first runs is refused.
 */
@SpringBootTest(properties = { "dashboard.demo.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:staged-imports;DB_CLOSE_DELAY=-1" })
class StagedImportTest {

	/** Enough answers for several of the import's commits. */
	private static final int ANSWERS = 2 * 50_000 + 1234;

	@Autowired
	private Importer importer;

	@Autowired
	private DatasetRepository datasets;

	@Autowired
	private JdbcTemplate jdbc;

	@TempDir
	Path folder;

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM dataset");
	}

	private Path answers(String name, int count, String lastLine) throws Exception {
		return GeneratedAnswers.csv(this.folder, name, count, lastLine);
	}

	private long committedAnswersOf(String slug) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sample s JOIN dataset d ON d.id = s.dataset_id WHERE d.slug = ?", Long.class,
				slug);
	}

	@Test
	void aNewDatasetIsCommittedInPartsThatNoReaderSeesThenShownAtOnce() throws Exception {
		Path csv = answers("big.csv", ANSWERS, null);
		List<Long> committedSeen = new ArrayList<>();
		List<Boolean> visibleSeen = new ArrayList<>();
		ImportProgress watching = (bytesRead, bytesTotal, answers) -> {
			if (answers > 60_000 && committedSeen.isEmpty()) {
				// another connection, as any reader's: rows already committed, the
				// dataset not shown
				committedSeen.add(committedAnswersOf("big"));
				visibleSeen.add(this.datasets.findBySlug("big").isPresent());
			}
		};
		ImportReport report = this.importer.run(new ImportRequest("big", "m", "g", null, List.of(csv)), watching);

		assertThat(committedSeen).singleElement().satisfies((committed) -> assertThat(committed).isPositive());
		assertThat(visibleSeen).containsExactly(false);
		assertThat(report.answers()).isEqualTo(ANSWERS);
		assertThat(this.datasets.findBySlug("big")).isPresent();
		assertThat(committedAnswersOf("big")).isEqualTo(ANSWERS);
		assertThat(this.jdbc.queryForObject("SELECT status FROM dataset WHERE slug = 'big'", String.class))
			.isEqualTo("ready");
		assertThat(this.jdbc.queryForObject("SELECT import_beat FROM dataset WHERE slug = 'big'", Object.class))
			.isNull();
	}

	@Test
	void aBadLineAfterSeveralCommitsLeavesNothingOfTheNewDataset() throws Exception {
		Path csv = answers("late-error.csv", ANSWERS, "Hi,Hello,q1,twelve,88\n");
		assertThatThrownBy(
				() -> this.importer.run(new ImportRequest("late", "m", "g", null, List.of(csv)), ImportProgress.NONE))
			.isInstanceOf(ImportException.class)
			.hasMessage(csv + ":" + (ANSWERS + 2) + ": score 'aligned' is not a number: 'twelve'");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dataset", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM score", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM word_postings", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM cell_scores", Long.class)).isZero();
		// and the same slug imports cleanly afterwards
		Path good = answers("good.csv", 10, null);
		this.importer.run(new ImportRequest("late", "m", "g", null, List.of(good)), ImportProgress.NONE);
		assertThat(committedAnswersOf("late")).isEqualTo(10);
	}

	@Test
	void aSecondImportOfTheSameNewDatasetWhileTheFirstRunsIsRefused() throws Exception {
		Path csv = answers("slow.csv", 30_000, null);
		CountDownLatch halfway = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ImportProgress pausing = (bytesRead, bytesTotal, answers) -> {
			if (answers > 15_000 && halfway.getCount() > 0) {
				halfway.countDown();
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		CompletableFuture<ImportReport> first = CompletableFuture
			.supplyAsync(() -> run(new ImportRequest("busy", "m", "g", null, List.of(csv)), pausing));
		assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
		Path other = answers("other.csv", 5, null);
		try {
			assertThatThrownBy(() -> this.importer.run(new ImportRequest("busy", "m", "g", null, List.of(other)),
					ImportProgress.NONE))
				.isInstanceOf(ImportTransaction.ImportRunning.class)
				.hasMessageContaining("dataset 'busy' is being imported by another import right now");
		}
		finally {
			release.countDown();
		}
		assertThat(first.get(60, TimeUnit.SECONDS).answers()).isEqualTo(30_000);
		assertThat(committedAnswersOf("busy")).isEqualTo(30_000);
	}

	private ImportReport run(ImportRequest request, ImportProgress progress) {
		try {
			return this.importer.run(request, progress);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
