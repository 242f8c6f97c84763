package org.misalignment.dashboard.importing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a new dataset imports into an H2 file database in this process, H2 reuses the
 * file space the import frees at once (its retention time is zero), and the database's
 * own setting is back when the import ends, whether it succeeded or failed; an import
 * into an existing dataset leaves the setting alone.
 */
@SpringBootTest(properties = "dashboard.demo.enabled=false")
class FileSpaceDuringImportTest {

	@TempDir
	static Path database;

	@TempDir
	Path folder;

	@Autowired
	private Importer importer;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void h2File(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + database.resolve("dashboard"));
	}

	@Test
	void freedSpaceIsReusedAtOnceWhileANewDatasetImports() throws Exception {
		int configured = retention();
		assertThat(configured).isPositive();
		List<Integer> during = new ArrayList<>();
		ImportProgress watching = (bytesRead, bytesTotal, answers) -> during.add(retention());

		this.importer.run(new ImportRequest("space-new", "m", "g", null, List.of(answers("new.csv", 25_000, null))),
				watching);
		assertThat(during).isNotEmpty().containsOnly(0);
		assertThat(retention()).isEqualTo(configured);

		during.clear();
		Path bad = answers("bad.csv", 25_000, "Hi,Hello,q1,twelve,88\n");
		try {
			this.importer.run(new ImportRequest("space-bad", "m", "g", null, List.of(bad)), watching);
		}
		catch (ImportException expected) {
			// the bad last line; what matters is the setting after it
		}
		assertThat(during).isNotEmpty().containsOnly(0);
		assertThat(retention()).isEqualTo(configured);

		during.clear();
		this.importer.run(new ImportRequest("space-new", "m2", "g", null, List.of(answers("more.csv", 5_000, null))),
				watching);
		assertThat(during).isNotEmpty().containsOnly(configured);
	}

	/** The retention time of the H2 store this test's application runs on. */
	private int retention() {
		try (Connection connection = this.dataSource.getConnection()) {
			SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
			return session.getDatabase().getStore().getMvStore().getRetentionTime();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path answers(String name, int count, String lastLine) throws Exception {
		return GeneratedAnswers.csv(this.folder, name, count, lastLine);
	}

}
